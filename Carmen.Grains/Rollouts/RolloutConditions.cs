using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

/// <summary>The arithmetic of a group's success and error conditions.</summary>
public static class RolloutConditions
{
    /// <summary>
    /// The share (0–100) of a group's devices that succeeded, out of those the rollout still answers for: a device
    /// skipped (held elsewhere) or canceled from outside does not hold a group back. An empty group has succeeded.
    /// </summary>
    public static double SucceededPercentage(MemberCounts counts)
    {
        int accountable = counts.Total - counts.Skipped - counts.Canceled;
        return accountable <= 0 ? 100 : 100.0 * counts.Succeeded / accountable;
    }

    /// <summary>Whether the error condition holds, counting only failures after the baseline (set when an operator resumes).</summary>
    public static bool ErrorMet(ErrorCondition? condition, MemberCounts counts, int failedBaseline, int settledBaseline)
    {
        if (condition is null)
        {
            return false;
        }

        int failed = counts.Failed - failedBaseline;
        int settled = counts.Settled - settledBaseline;
        return failed > 0
            && ((condition.Count is int count && failed >= count)
                || (condition.Percentage is double percentage && settled >= condition.MinSample && 100.0 * failed >= percentage * settled));
    }

    /// <summary>
    /// When the success condition is met: the percentage reached, then (with a stable period) that long without a new
    /// failure; null while it is not.
    /// </summary>
    public static DateTimeOffset? SuccessDueAt(SuccessCondition condition, DateTimeOffset? reachedAt, DateTimeOffset? lastFailureAt)
    {
        if (reachedAt is not DateTimeOffset reached)
        {
            return null;
        }

        if (condition.StableFor is not TimeSpan stable)
        {
            return reached;
        }

        DateTimeOffset quietSince = lastFailureAt is DateTimeOffset failure && failure > reached ? failure : reached;
        return quietSince + stable;
    }
}
