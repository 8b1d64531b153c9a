namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>One group of a rollout as operators see it: its devices by state and the share that succeeded.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutGroupInfo")]
public sealed record RolloutGroupInfo(
    [property: Id(0)] int Index,
    [property: Id(1)] string Name,
    [property: Id(2)] RolloutGroupStatus Status,
    [property: Id(3)] int Size,
    [property: Id(4)] MemberCounts Counts,
    [property: Id(5)] double SucceededPercentage,
    [property: Id(6)] SuccessCondition Success,
    [property: Id(7)] ErrorCondition? Error,
    [property: Id(8)] DateTimeOffset? StartedAt,
    [property: Id(9)] DateTimeOffset? SuccessReachedAt,
    [property: Id(10)] DateTimeOffset? CompletedAt);
