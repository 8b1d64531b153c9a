using Carmen.Grains.Interfaces.Fleet;

namespace Carmen.Api.Contracts;

/// <summary>
/// A tenant's fleet right now: devices in service and online, per cluster; per numeric telemetry key the devices
/// reporting it with avg/min/max of their latest values; with topKey, the top devices by that key.
/// </summary>
public sealed record FleetSummaryResponse(
    long Total,
    long Online,
    long Offline,
    IReadOnlyList<ClusterCountsResponse> Clusters,
    IReadOnlyDictionary<string, KeyStatisticsResponse> Keys,
    IReadOnlyList<DeviceValueResponse> Top)
{
    public static FleetSummaryResponse From(FleetSummary summary) => new(
        summary.Total, summary.Online, summary.Offline,
        [.. summary.Clusters.Select(cluster => new ClusterCountsResponse(cluster.ClusterId, cluster.Total, cluster.Online))],
        summary.Keys.ToDictionary(pair => pair.Key, pair => new KeyStatisticsResponse(pair.Value.Devices, pair.Value.Avg, pair.Value.Min, pair.Value.Max)),
        [.. summary.Top.Select(top => new DeviceValueResponse(top.DeviceId, top.Value))]);
}
