namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>A cluster of devices; its id is unique within the tenant, so a device names only its cluster.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ClusterInfo")]
public sealed record ClusterInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string BusinessUnitId);
