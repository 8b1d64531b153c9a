namespace Carmen.Grains.Audit;

/// <summary>A chain's settings; its records live in the <see cref="IAuditStore"/>.</summary>
[GenerateSerializer, Alias("Carmen.AuditTrailState")]
public sealed class AuditTrailState
{
    [Id(0)]
    public int? RetentionDays { get; set; }

    [Id(1)]
    public DateTimeOffset? LastPurgedAt { get; set; }
}
