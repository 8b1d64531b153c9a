namespace Carmen.Api.Contracts;

/// <summary>Why a tenant's administrator refuses a release; the rollout shows it as the failure reason.</summary>
public sealed record RejectReleaseRequest(string? Reason = null);
