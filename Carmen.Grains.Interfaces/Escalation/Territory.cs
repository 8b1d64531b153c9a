namespace Carmen.Grains.Interfaces.Escalation;

/// <summary>A business unit or cluster a team covers.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.Territory")]
public sealed record Territory(
    [property: Id(0)] TerritoryKind Kind,
    [property: Id(1)] string Id);
