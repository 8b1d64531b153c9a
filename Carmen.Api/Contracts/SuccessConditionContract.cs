using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>Next group once percentage (default 100) succeeded, after stableFor ("HH:MM:SS") without new failures, and after approval when asked.</summary>
public sealed record SuccessConditionContract(double? Percentage = null, string? StableFor = null, bool RequireApproval = false)
{
    public static SuccessConditionContract? From(SuccessCondition? condition) => condition is null
        ? null
        : new(condition.Percentage, Durations.Format(condition.StableFor), condition.RequireApproval);
}
