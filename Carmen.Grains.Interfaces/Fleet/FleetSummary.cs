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

/// <summary>Devices in service and online in one cluster.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ClusterCounts")]
public sealed record ClusterCounts([property: Id(0)] string ClusterId, [property: Id(1)] long Total, [property: Id(2)] long Online);

/// <summary>A key's latest values across the devices that report it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.KeyStatistics")]
public sealed record KeyStatistics([property: Id(0)] int Devices, [property: Id(1)] double Avg, [property: Id(2)] double Min, [property: Id(3)] double Max);

/// <summary>A device and its latest value of the key asked about.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceValue")]
public sealed record DeviceValue([property: Id(0)] string DeviceId, [property: Id(1)] double Value);
