using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;

namespace Carmen.Grains.Telemetry;

/// <summary>Telemetry history in the deployment's SQL store (the embedded store, or PostgreSQL in a cluster).</summary>
public interface ITelemetryHistory
{
    /// <summary>Stores a batch of points; completes once they are durable. A point already stored (same device, key and time) is replaced.</summary>
    Task AppendAsync(IReadOnlyList<DeviceTelemetry> batch, CancellationToken cancellationToken = default);

    /// <summary>Raw points of a key, oldest first.</summary>
    Task<IReadOnlyList<HistoryPoint>> ReadAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>One aggregate per bucket that has points.</summary>
    Task<IReadOnlyList<HistoryPoint>> AggregateAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes points measured before <paramref name="cutoff"/> (Unix milliseconds); returns how many.</summary>
    Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellationToken = default);
}
