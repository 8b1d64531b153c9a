namespace Carmen.Api.Contracts;

/// <summary>Why an approver refuses a rollout or its next group.</summary>
public sealed record DenyRolloutRequest(string? Remark = null);
