namespace Carmen.Api.Contracts;

/// <summary>Keep records for this many days (1 to 36500), or null to keep them for good.</summary>
public sealed record AuditRetentionRequest(int? Days);
