namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>
/// One tenant's telemetry from one silo's flush, as one stream item: streams carry batches, not points, so their
/// per-item cost is paid once per flush. It travels as a <see cref="TelemetryBatchSurrogate"/>.
/// </summary>
[Immutable, Alias("Carmen.TelemetryBatch")]
public sealed record TelemetryBatch(string TenantId, IReadOnlyList<DeviceTelemetryItem> Devices)
{
    /// <summary>The stream provider and namespace telemetry batches travel on; the stream key is the tenant id.</summary>
    public const string StreamProvider = "telemetry";

    /// <inheritdoc cref="StreamProvider"/>
    public const string StreamNamespace = "telemetry";

    /// <summary>Points in the batch.</summary>
    public int PointCount => Devices.Sum(device => device.Points.Length);
}
