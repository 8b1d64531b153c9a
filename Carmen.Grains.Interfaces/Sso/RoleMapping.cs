using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Interfaces.Sso;

/// <summary>A claim value that gives a role at a scope: the "groups" claim holding "plant-berlin-ops" → operator at cluster line-1.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RoleMapping")]
public sealed record RoleMapping(
    [property: Id(0)] string Claim,
    [property: Id(1)] string Value,
    [property: Id(2)] string RoleId,
    [property: Id(3)] AccessScope Scope);
