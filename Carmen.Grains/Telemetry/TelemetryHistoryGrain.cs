using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Orleans.Concurrency;

namespace Carmen.Grains.Telemetry;

/// <summary>History reads, run wherever the call lands so queries spread over the silos and never wait behind a device grain.</summary>
[GrainType("telemetry-history"), StatelessWorker]
public sealed class TelemetryHistoryGrain(ITelemetryHistory history) : Grain, ITelemetryHistoryGrain
{
    public Task<IReadOnlyList<HistoryPoint>> QueryAsync(string deviceKey, HistoryQuery query, CancellationToken cancellationToken) =>
        query.Aggregation == TelemetryAggregation.None
            ? history.ReadAsync(DeviceKey.Parse(deviceKey), query, cancellationToken)
            : history.AggregateAsync(DeviceKey.Parse(deviceKey), query, cancellationToken);
}
