namespace Carmen.Api.Contracts;

/// <summary>A group has failed at count failures, or percentage of at least minSample outcomes; action is pause (default) or rollback.</summary>
public sealed record ErrorConditionContract(int? Count = null, double? Percentage = null, int? MinSample = null, string? Action = null);
