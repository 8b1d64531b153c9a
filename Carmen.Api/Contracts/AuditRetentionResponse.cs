using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Contracts;

/// <summary>A chain's retention, when old records were last removed, and the oldest record kept.</summary>
public sealed record AuditRetentionResponse(int? Days, DateTimeOffset? LastPurgedAt, long? FirstRecordId)
{
    public static AuditRetentionResponse From(AuditRetention retention) => new(retention.Days, retention.LastPurgedAt, retention.FirstRecordId);
}
