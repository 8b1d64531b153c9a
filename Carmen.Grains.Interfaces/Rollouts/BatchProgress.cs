namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>A batch's answer to a tick: its devices by state, its latest failure, and how much of the budget it took.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.BatchProgress")]
public sealed record BatchProgress(
    [property: Id(0)] MemberCounts Counts,
    [property: Id(1)] DateTimeOffset? LastFailureAt,
    [property: Id(2)] int Taken);
