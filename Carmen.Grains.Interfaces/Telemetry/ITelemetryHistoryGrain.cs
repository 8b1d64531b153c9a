using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>Reads telemetry history from the store of the silo it runs on; any number of activations, none holding state.</summary>
[Alias("Carmen.ITelemetryHistoryGrain")]
public interface ITelemetryHistoryGrain : IGrainWithIntegerKey
{
    /// <summary>History of one device's key (device given as its DeviceKey text).</summary>
    [Alias("Query"), ReadOnly]
    Task<IReadOnlyList<HistoryPoint>> QueryAsync(string deviceKey, HistoryQuery query, CancellationToken cancellationToken = default);
}
