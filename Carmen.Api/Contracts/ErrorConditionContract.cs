using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>A group has failed at count failures, or percentage of at least minSample outcomes; action is pause (default) or rollback.</summary>
public sealed record ErrorConditionContract(int? Count = null, double? Percentage = null, int? MinSample = null, string? Action = null)
{
    public static ErrorConditionContract? From(ErrorCondition? condition) => condition is null
        ? null
        : new(condition.Count, condition.Percentage, condition.MinSample, condition.Action == ErrorAction.Rollback ? "rollback" : "pause");
}
