namespace Carmen.Grains.Interfaces.Access;

/// <summary>A role assignment asked for: who, which role, where, and whether it applies below the scope.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AssignmentDraft")]
public sealed record AssignmentDraft(
    [property: Id(0)] string Principal,
    [property: Id(1)] string RoleId,
    [property: Id(2)] AccessScope Scope,
    [property: Id(3)] bool Propagate = true);
