namespace Carmen.Api.Contracts;

/// <summary>Next group once percentage (default 100) succeeded, after stableFor ("HH:MM:SS") without new failures, and after approval when asked.</summary>
public sealed record SuccessConditionContract(double? Percentage = null, string? StableFor = null, bool RequireApproval = false);
