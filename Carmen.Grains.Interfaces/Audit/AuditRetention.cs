namespace Carmen.Grains.Interfaces.Audit;

/// <summary>How long a chain keeps its records (null: forever), and the last time old ones were removed.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditRetention")]
public sealed record AuditRetention(
    [property: Id(0)] int? Days,
    [property: Id(1)] DateTimeOffset? LastPurgedAt,
    [property: Id(2)] long? FirstRecordId);
