namespace Carmen.Grains.Licenses;

/// <summary>A tenant's telemetry points by month (yyyy-MM), and when the month's allowance was reached.</summary>
[GenerateSerializer, Alias("Carmen.TenantMeterState")]
public sealed class TenantMeterState
{
    [Id(0)]
    public Dictionary<string, long> TelemetryPoints { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Months whose allowance is used up, with when it happened; a month leaves when the licenses grow past its use.</summary>
    [Id(1)]
    public Dictionary<string, DateTimeOffset> ExhaustedAt { get; set; } = new(StringComparer.Ordinal);
}
