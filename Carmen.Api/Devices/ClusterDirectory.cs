using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Devices;

/// <summary>Which business unit each cluster is in, read once per request from the tenant, since devices name only their cluster.</summary>
public sealed class ClusterDirectory(IReadOnlyList<BusinessUnitInfo> units)
{
    private readonly Dictionary<string, string> _unitOfCluster =
        units.SelectMany(unit => unit.Clusters).ToDictionary(cluster => cluster.Id, cluster => cluster.BusinessUnitId, StringComparer.Ordinal);

    public static async Task<ClusterDirectory> LoadAsync(ITenantGrain tenant, CancellationToken cancellationToken) =>
        new(await tenant.GetBusinessUnitsAsync(cancellationToken));

    public IReadOnlyList<BusinessUnitInfo> Units => units;

    public string? BusinessUnitOf(string clusterId) => _unitOfCluster.GetValueOrDefault(clusterId);
}
