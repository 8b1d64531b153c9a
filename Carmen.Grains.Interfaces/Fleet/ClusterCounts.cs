namespace Carmen.Grains.Interfaces.Fleet;

/// <summary>Devices in service and online in one cluster.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ClusterCounts")]
public sealed record ClusterCounts([property: Id(0)] string ClusterId, [property: Id(1)] long Total, [property: Id(2)] long Online);
