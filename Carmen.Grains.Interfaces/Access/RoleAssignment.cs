namespace Carmen.Grains.Interfaces.Access;

/// <summary>
/// A principal's role at a scope. Propagated (the default), it also applies below the scope: a business unit's
/// clusters and their devices; not propagated, to that node only.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RoleAssignment")]
public sealed record RoleAssignment(
    [property: Id(0)] long Id,
    [property: Id(1)] string Principal,
    [property: Id(2)] string RoleId,
    [property: Id(3)] AccessScope Scope,
    [property: Id(4)] bool Propagate,
    [property: Id(5)] DateTimeOffset GrantedAt,
    [property: Id(6)] string GrantedBy);
