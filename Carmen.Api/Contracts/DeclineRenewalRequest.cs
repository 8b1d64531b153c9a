namespace Carmen.Api.Contracts;

/// <summary>Why a platform administrator declines a renewal request.</summary>
public sealed record DeclineRenewalRequest(string? Reason);
