using Carmen.Api.Sso;
using Carmen.Grains.Interfaces.Sso;

namespace Carmen.Api.Contracts;

/// <summary>A tenant's identity provider; its client secret is never shown.</summary>
public sealed record IdentityProviderResponse(
    string Id, string Type, string Issuer, string ClientId, IReadOnlyList<string> Scopes, IReadOnlyList<string> EmailDomains,
    IReadOnlyList<RoleMappingContract> RoleMappings, bool Required, IReadOnlyList<string> BreakGlass, bool CreateUsers, string LoginUrl)
{
    public static IdentityProviderResponse From(IdentityProviderSpec spec, string tenantId, string baseUrl) => new(
        spec.Id, "oidc", spec.Issuer, spec.ClientId, spec.Scopes, spec.EmailDomains, [.. spec.RoleMappings.Select(RoleMappingContract.From)],
        spec.Required, spec.BreakGlass, spec.CreateUsers, SsoLinks.Login(baseUrl, tenantId, spec.Id));
}
