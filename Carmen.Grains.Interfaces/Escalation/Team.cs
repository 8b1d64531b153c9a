namespace Carmen.Grains.Interfaces.Escalation;

/// <summary>A saved team with its id within the tenant.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.Team")]
public sealed record Team(
    [property: Id(0)] long Id,
    [property: Id(1)] TeamDraft Definition,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt);
