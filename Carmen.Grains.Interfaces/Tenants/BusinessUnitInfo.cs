namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>A business unit of a tenant and the clusters under it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.BusinessUnitInfo")]
public sealed record BusinessUnitInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<ClusterInfo> Clusters);
