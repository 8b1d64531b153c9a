using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Fleet;

/// <summary>One tenant's live fleet metrics (keyed by tenant id), fed by every silo's telemetry fan-out in batches.</summary>
[Alias("Carmen.IFleetMetricsGrain")]
public interface IFleetMetricsGrain : IGrainWithStringKey
{

    /// <summary>The fleet now; with <paramref name="topKey"/>, the <paramref name="topN"/> devices with its highest latest values.</summary>
    [Alias("GetSummary"), ReadOnly]
    Task<FleetSummary> GetSummaryAsync(string? topKey, int topN, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="topN"/> devices with the highest latest value of <paramref name="key"/>, from memory alone (no counts, so no index query).</summary>
    [Alias("GetTop"), ReadOnly]
    Task<IReadOnlyList<DeviceValue>> GetTopAsync(string key, int topN, CancellationToken cancellationToken = default);
}
