namespace Carmen.Grains.Interfaces.Fleet;

/// <summary>
/// A tenant's fleet right now: devices in service and online, per cluster (from the device index), the fleet-wide
/// statistics of each numeric telemetry key over the devices reporting it, and the top devices by one key.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.FleetSummary")]
public sealed record FleetSummary(
    [property: Id(0)] long Total,
    [property: Id(1)] long Online,
    [property: Id(2)] long Offline,
    [property: Id(3)] IReadOnlyList<ClusterCounts> Clusters,
    [property: Id(4)] IReadOnlyDictionary<string, KeyStatistics> Keys,
    [property: Id(5)] IReadOnlyList<DeviceValue> Top);
