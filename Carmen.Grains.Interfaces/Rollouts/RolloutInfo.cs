using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// A rollout as operators see it: lifecycle state (with the reason for a pause or stop), its targets (devices or
/// tenants) by state overall and per group, and the share of them that reached an outcome.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutInfo")]
public sealed record RolloutInfo(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] long? DistributionSetId,
    [property: Id(4)] ActionType ActionType,
    [property: Id(5)] RolloutStatus Status,
    [property: Id(6)] string? StatusReason,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy,
    [property: Id(9)] DateTimeOffset? StartedAt,
    [property: Id(10)] DateTimeOffset? EndedAt,
    [property: Id(11)] int TotalTargets,
    [property: Id(12)] MemberCounts Counts,
    [property: Id(13)] double CompletedPercentage,
    [property: Id(14)] IReadOnlyList<RolloutGroupInfo> Groups,
    [property: Id(15)] RolloutSpec Spec,
    [property: Id(16)] string? ApprovedBy,
    [property: Id(17)] RolloutTargetKind TargetKind = RolloutTargetKind.Devices,
    [property: Id(18)] long? ReleaseId = null);
