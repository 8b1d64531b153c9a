namespace Carmen.Api.Contracts;

/// <summary>A rollout group: a percentage of the targets (of those passing its filter) or a count, with optional own conditions.</summary>
public sealed record RolloutGroupContract(
    string? Name = null,
    double? Percentage = null,
    int? Count = null,
    TargetFilterContract? TargetFilter = null,
    SuccessConditionContract? SuccessCondition = null,
    ErrorConditionContract? ErrorCondition = null);
