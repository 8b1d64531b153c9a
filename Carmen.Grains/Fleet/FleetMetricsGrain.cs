using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Fleet;

namespace Carmen.Grains.Fleet;

/// <summary>
/// A tenant's fleet view. Numeric latest values live here in memory, fed by the silos' fan-out every flush (one call
/// per tenant per silo per flush, not per message); statistics and top-N are computed when asked. Counts come from
/// the device index, which presence keeps current. After a restart the values refill as devices report again.
/// </summary>
[GrainType("fleet-metrics")]
public sealed class FleetMetricsGrain(IDeviceIndex index) : Grain, IFleetMetricsGrain
{
    /// <summary>Keys kept per device, so a device sending ever-new keys cannot grow this without bound.</summary>
    public const int MaxKeysPerDevice = 32;

    private readonly Dictionary<string, Dictionary<string, double>> _latest = new(StringComparer.Ordinal);

    public Task ApplyAsync(FleetReport report, CancellationToken cancellationToken)
    {
        foreach (DeviceNumbers device in report.Devices)
        {
            if (!_latest.TryGetValue(device.DeviceId, out Dictionary<string, double>? values))
            {
                _latest[device.DeviceId] = values = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            foreach ((string key, double value) in device.Values)
            {
                if (values.Count < MaxKeysPerDevice || values.ContainsKey(key))
                {
                    values[key] = value;
                }
            }
        }

        return Task.CompletedTask;
    }

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
        foreach (Dictionary<string, double> values in _latest.Values)
        {
            foreach ((string key, double value) in values)
            {
                statistics[key] = statistics.TryGetValue(key, out var seen)
                    ? (seen.Count + 1, seen.Sum + value, Math.Min(seen.Min, value), Math.Max(seen.Max, value))
                    : (1, value, value, value);
            }
        }

        return statistics.ToDictionary(pair => pair.Key, pair => new KeyStatistics(pair.Value.Count, pair.Value.Sum / pair.Value.Count, pair.Value.Min, pair.Value.Max), StringComparer.Ordinal);
    }

    /// <summary>The highest values of a key, found with a bounded heap: one pass, no sort of the whole fleet.</summary>
    private List<DeviceValue> Top(string? key, int count)
    {
        if (key is null || count <= 0)
        {
            return [];
        }

        var lowestKept = new PriorityQueue<DeviceValue, double>(count + 1);
        foreach ((string deviceId, Dictionary<string, double> values) in _latest)
        {
            if (values.TryGetValue(key, out double value))
            {
                lowestKept.Enqueue(new DeviceValue(deviceId, value), value);
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
