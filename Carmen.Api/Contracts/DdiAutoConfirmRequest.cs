namespace Carmen.Api.Contracts;

/// <summary>DDI auto-confirm activation: {"initiator"?,"remark"?}.</summary>
public sealed record DdiAutoConfirmRequest(string? Initiator = null, string? Remark = null);
