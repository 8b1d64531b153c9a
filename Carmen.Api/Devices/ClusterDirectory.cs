using Carmen.Grains.Interfaces;
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

    /// <summary>
    /// The clusters a cluster and/or business unit filter selects: null for no filter, the unit's clusters (narrowed to
    /// the cluster when both are given), possibly none. An unknown unit is a validation error on <paramref name="businessUnitField"/>.
    /// </summary>
    public IReadOnlyList<string>? ClustersOf(IReadOnlyList<string>? clusterIds, string? businessUnitId, string businessUnitField)
    {
        if (businessUnitId is null)
        {
            return clusterIds;
        }

        BusinessUnitInfo unit = units.FirstOrDefault(candidate => candidate.Id == businessUnitId)
            ?? throw CarmenException.Invalid(businessUnitField, $"Business unit '{businessUnitId}' does not exist.");
        return [.. unit.Clusters.Select(cluster => cluster.Id).Where(id => clusterIds is null || clusterIds.Contains(id))];
    }
}
