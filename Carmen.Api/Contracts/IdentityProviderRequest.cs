namespace Carmen.Api.Contracts;

/// <summary>
/// A tenant's OpenID Connect provider. <c>clientSecret</c> left out keeps the one set before; <c>required</c> refuses
/// password sign-in to the tenant's users but the <c>breakGlass</c> accounts; <c>createUsers</c> (default true) makes
/// an account on a first sign-in that a mapping gives a role.
/// </summary>
public sealed record IdentityProviderRequest(
    string? Type,
    string? Issuer,
    string? ClientId,
    string? ClientSecret,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? EmailDomains,
    IReadOnlyList<RoleMappingContract>? RoleMappings,
    bool? Required,
    IReadOnlyList<string>? BreakGlass,
    bool? CreateUsers);
