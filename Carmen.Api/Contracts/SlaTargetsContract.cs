namespace Carmen.Api.Contracts;

/// <summary>A priority's targets in minutes of business time; null: no target.</summary>
public sealed record SlaTargetsContract(int? FirstResponseMinutes, int? NextResponseMinutes, int? ResolutionMinutes);
