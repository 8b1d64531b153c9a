namespace Carmen.Grains.Interfaces.Sso;

/// <summary>
/// A tenant's OpenID Connect provider: where it is, Carmen's client there, the email domains whose users it signs in
/// (home-realm discovery), how its claims map to roles, whether unknown users are created on first sign-in, and
/// whether the tenant's users must use it (all but the break-glass accounts).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.IdentityProviderSpec")]
public sealed record IdentityProviderSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Issuer,
    [property: Id(2)] string ClientId,
    [property: Id(3)] string? ClientSecret,
    [property: Id(4)] IReadOnlyList<string> Scopes,
    [property: Id(5)] IReadOnlyList<string> EmailDomains,
    [property: Id(6)] IReadOnlyList<RoleMapping> RoleMappings,
    [property: Id(7)] bool Required,
    [property: Id(8)] IReadOnlyList<string> BreakGlass,
    [property: Id(9)] bool CreateUsers);
