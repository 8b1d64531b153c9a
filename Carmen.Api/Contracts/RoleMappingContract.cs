using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Sso;

namespace Carmen.Api.Contracts;

/// <summary>A claim value that gives a role at a scope: {"claim":"groups","value":"plant-berlin-ops","role":"operator","scope":{"type":"cluster","id":"line-1"}}.</summary>
public sealed record RoleMappingContract(string? Claim, string? Value, string? Role, AccessScopeContract? Scope)
{
    public static RoleMappingContract From(RoleMapping mapping) => new(mapping.Claim, mapping.Value, mapping.RoleId, AccessScopeContract.From(mapping.Scope));

    public RoleMapping ToMapping(string field) => new(
        Claim is { Length: > 0 } claim ? claim : throw CarmenException.Invalid($"{field}.claim", "A mapping names the claim it reads (for example \"groups\")."),
        Value is { Length: > 0 } value ? value : throw CarmenException.Invalid($"{field}.value", "A mapping names the claim value it matches."),
        Role is { Length: > 0 } role ? role : throw CarmenException.Invalid($"{field}.role", "A mapping names the role it gives."),
        (Scope ?? new AccessScopeContract("tenant", null)).ToScope($"{field}.scope"));
}
