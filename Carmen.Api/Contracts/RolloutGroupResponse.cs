using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>
/// One group of a rollout: what was asked for (the fields of <see cref="RolloutGroupContract"/>), then its status, size,
/// counters and times. <see cref="SucceededPercentage"/> is measured against the group's success condition, its own or the rollout's.
/// </summary>
public sealed record RolloutGroupResponse(
    string Name,
    double? Percentage,
    int? Count,
    TargetFilterContract? TargetFilter,
    SuccessConditionContract? SuccessCondition,
    ErrorConditionContract? ErrorCondition,
    int Index,
    RolloutGroupStatus Status,
    int Size,
    RolloutCountsResponse Counts,
    double SucceededPercentage,
    DateTimeOffset? StartedAt,
    DateTimeOffset? SuccessReachedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>A group not yet formed (the rollout is still selecting its targets) has no progress: scheduled, empty.</summary>
    public static RolloutGroupResponse From(RolloutGroupSpec group, RolloutGroupInfo? progress) => new(
        group.Name, group.Percentage, group.Count, TargetFilterContract.From(group.Filter), SuccessConditionContract.From(group.Success),
        ErrorConditionContract.From(group.Error), progress?.Index ?? 0, progress?.Status ?? RolloutGroupStatus.Scheduled, progress?.Size ?? 0,
        RolloutCountsResponse.From(progress?.Counts ?? MemberCounts.None), progress?.SucceededPercentage ?? 0, progress?.StartedAt,
        progress?.SuccessReachedAt, progress?.CompletedAt);
}
