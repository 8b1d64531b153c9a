using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Fleet;
using Carmen.Grains.Interfaces.Telemetry;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Carmen.Grains.Fleet;

/// <summary>
/// A tenant's fleet view, the consumer of the tenant's telemetry stream (an implicit subscription: the first batch
/// wakes it, no subscription state to store or lose). Each batch is a silo's flush for the tenant, so the grain is
/// called once per flush, not per message; the newest numeric value of each key per device lives here in memory, and
/// statistics and top-N are computed when asked. Counts come from the device index, which presence keeps current.
/// After a restart the values refill as devices report again.
/// </summary>
[GrainType("fleet-metrics"), ImplicitStreamSubscription(TelemetryBatch.StreamNamespace)]
public sealed class FleetMetricsGrain(IDeviceIndex index) : Grain, IFleetMetricsGrain, IStreamSubscriptionObserver, IAsyncObserver<TelemetryBatch>
{
    /// <summary>Keys kept per device, so a device sending ever-new keys cannot grow this without bound.</summary>
    public const int MaxKeysPerDevice = 32;

    private readonly Dictionary<string, Dictionary<string, (long Timestamp, double Value)>> _latest = new(StringComparer.Ordinal);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TelemetryBatch>().ResumeAsync(this);

    /// <summary>
    /// Keeps each device's newest number per key, by the time it was measured (a device may send older readings after
    /// newer ones); text, boolean and JSON values are not the fleet view's.
    /// </summary>
    public Task OnNextAsync(TelemetryBatch batch, StreamSequenceToken? token = null)
    {
        foreach (DeviceTelemetryItem device in batch.Devices)
        {
            Dictionary<string, (long Timestamp, double Value)>? values = null;
            foreach (TelemetryPoint point in device.Points)
            {
                if (point.Value.Kind is not TelemetryValueKind.Number)
                {
                    continue;
                }

                values ??= ValuesOf(device.DeviceId);
                if (values.TryGetValue(point.Key, out (long Timestamp, double Value) known)
                        ? known.Timestamp <= point.Timestamp
                        : values.Count < MaxKeysPerDevice)
                {
                    values[point.Key] = (point.Timestamp, point.Value.Number);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public async Task<FleetSummary> GetSummaryAsync(string? topKey, int topN, CancellationToken cancellationToken)
    {
        string tenantId = this.GetPrimaryKeyString();
        IReadOnlyList<(string ClusterId, DeviceStatus Status, long Count)> counts = await index.CountByClusterAndStatusAsync(tenantId, cancellationToken);
        var clusters = counts
            .Where(row => row.Status != DeviceStatus.Decommissioned)
            .GroupBy(row => row.ClusterId, StringComparer.Ordinal)
            .Select(cluster => new ClusterCounts(cluster.Key, cluster.Sum(row => row.Count), cluster.Where(row => row.Status == DeviceStatus.Online).Sum(row => row.Count)))
            .OrderBy(cluster => cluster.ClusterId, StringComparer.Ordinal)
            .ToList();
        long total = clusters.Sum(cluster => cluster.Total);
        long online = clusters.Sum(cluster => cluster.Online);
        long offline = counts.Where(row => row.Status == DeviceStatus.Offline).Sum(row => row.Count);
        return new FleetSummary(total, online, offline, clusters, Statistics(), Top(topKey, topN));
    }

    public Task<IReadOnlyList<DeviceValue>> GetTopAsync(string key, int topN, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceValue>>(Top(key, topN));

    private Dictionary<string, KeyStatistics> Statistics()
    {
        var statistics = new Dictionary<string, (int Count, double Sum, double Min, double Max)>(StringComparer.Ordinal);
        foreach (Dictionary<string, (long Timestamp, double Value)> values in _latest.Values)
        {
            foreach ((string key, (_, double value)) in values)
            {
                statistics[key] = statistics.TryGetValue(key, out var seen)
                    ? (seen.Count + 1, seen.Sum + value, Math.Min(seen.Min, value), Math.Max(seen.Max, value))
                    : (1, value, value, value);
            }
        }

        return statistics.ToDictionary(pair => pair.Key, pair => new KeyStatistics(pair.Value.Count, pair.Value.Sum / pair.Value.Count, pair.Value.Min, pair.Value.Max), StringComparer.Ordinal);
    }

    private Dictionary<string, (long Timestamp, double Value)> ValuesOf(string deviceId)
    {
        if (!_latest.TryGetValue(deviceId, out Dictionary<string, (long Timestamp, double Value)>? values))
        {
            _latest[deviceId] = values = new Dictionary<string, (long Timestamp, double Value)>(StringComparer.Ordinal);
        }

        return values;
    }

    /// <summary>The highest values of a key, found with a bounded heap: one pass, no sort of the whole fleet.</summary>
    private List<DeviceValue> Top(string? key, int count)
    {
        if (key is null || count <= 0)
        {
            return [];
        }

        var lowestKept = new PriorityQueue<DeviceValue, double>(count + 1);
        foreach ((string deviceId, Dictionary<string, (long Timestamp, double Value)> values) in _latest)
        {
            if (values.TryGetValue(key, out (long Timestamp, double Value) latest))
            {
                lowestKept.Enqueue(new DeviceValue(deviceId, latest.Value), latest.Value);
                if (lowestKept.Count > count)
                {
                    lowestKept.Dequeue();
                }
            }
        }

        var top = new List<DeviceValue>(lowestKept.Count);
        while (lowestKept.TryDequeue(out DeviceValue? device, out _))
        {
            top.Add(device);
        }

        top.Reverse();
        return top;
    }
}
