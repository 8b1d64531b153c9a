using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Contracts;

/// <summary>A cluster of devices and the business unit it belongs to.</summary>
public sealed record ClusterResponse(string Id, string Name, string BusinessUnitId)
{
    public static ClusterResponse From(ClusterInfo cluster) => new(cluster.Id, cluster.Name, cluster.BusinessUnitId);
}
