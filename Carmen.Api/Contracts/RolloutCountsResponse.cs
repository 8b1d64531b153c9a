using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>How many targets of a rollout or group are in each state; live ones are still to settle, settled ones succeeded or failed.</summary>
public sealed record RolloutCountsResponse(
    int Scheduled,
    int Running,
    int Verifying,
    int Succeeded,
    int Failed,
    int Canceled,
    int Skipped,
    int RollingBack,
    int RolledBack,
    int Total,
    int Live,
    int Settled)
{
    public static RolloutCountsResponse From(MemberCounts counts) => new(
        counts.Scheduled, counts.Running, counts.Verifying, counts.Succeeded, counts.Failed, counts.Canceled, counts.Skipped,
        counts.RollingBack, counts.RolledBack, counts.Total, counts.Live, counts.Settled);
}
