using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Tenants;

/// <summary>The org → business unit → cluster tree of one tenant, as rules over its state. Cluster ids are unique within the tenant.</summary>
internal sealed class TenantHierarchy(TenantState state)
{
    private const int MaxNameLength = 200;

    public IReadOnlyList<BusinessUnitInfo> BusinessUnits() =>
        [.. state.BusinessUnitNames.OrderBy(unit => unit.Key, StringComparer.Ordinal).Select(unit => ToInfo(unit.Key))];

    public BusinessUnitInfo CreateBusinessUnit(string? id, string name)
    {
        string unitId = NewId(id, name, state.BusinessUnitNames.ContainsKey);
        state.BusinessUnitNames[unitId] = RequireName(name);
        return ToInfo(unitId);
    }

    public BusinessUnitInfo RenameBusinessUnit(string businessUnitId, string name)
    {
        RequireBusinessUnit(businessUnitId);
        state.BusinessUnitNames[businessUnitId] = RequireName(name);
        return ToInfo(businessUnitId);
    }

    public void RemoveBusinessUnit(string businessUnitId)
    {
        RequireBusinessUnit(businessUnitId);
        int clusters = state.Clusters.Values.Count(cluster => cluster.BusinessUnitId == businessUnitId);
        if (clusters > 0)
        {
            throw CarmenException.Conflict($"Business unit '{businessUnitId}' still has {clusters} cluster(s); remove or move them first.");
        }

        state.BusinessUnitNames.Remove(businessUnitId);
    }

    public ClusterInfo CreateCluster(string businessUnitId, string? id, string name)
    {
        RequireBusinessUnit(businessUnitId);
        string clusterId = NewId(id, name, state.Clusters.ContainsKey);
        state.Clusters[clusterId] = new ClusterState { Name = RequireName(name), BusinessUnitId = businessUnitId };
        return ToInfo(clusterId, state.Clusters[clusterId]);
    }

    public ClusterInfo RenameCluster(string clusterId, string name)
    {
        ClusterState cluster = RequireCluster(clusterId);
        cluster.Name = RequireName(name);
        return ToInfo(clusterId, cluster);
    }

    public ClusterInfo MoveCluster(string clusterId, string targetBusinessUnitId)
    {
        ClusterState cluster = RequireCluster(clusterId);
        if (!state.BusinessUnitNames.ContainsKey(targetBusinessUnitId))
        {
            throw CarmenException.Invalid("businessUnitId", $"Business unit '{targetBusinessUnitId}' does not exist.");
        }

        cluster.BusinessUnitId = targetBusinessUnitId;
        return ToInfo(clusterId, cluster);
    }

    public ClusterState RequireCluster(string clusterId) =>
        state.Clusters.TryGetValue(clusterId, out ClusterState? cluster)
            ? cluster
            : throw CarmenException.NotFound($"Cluster '{clusterId}' does not exist.");

    private void RequireBusinessUnit(string businessUnitId)
    {
        if (!state.BusinessUnitNames.ContainsKey(businessUnitId))
        {
            throw CarmenException.NotFound($"Business unit '{businessUnitId}' does not exist.");
        }
    }

    private static string NewId(string? requested, string name, Func<string, bool> taken)
    {
        if (requested is not null)
        {
            string id = Identifiers.RequireSlug(requested, "id");
            return taken(id) ? throw CarmenException.Conflict($"Id '{id}' is already used in this tenant.", "id") : id;
        }

        string candidate = Identifiers.Slugify(RequireName(name));
        for (int suffix = 2; taken(candidate); suffix++)
        {
            candidate = $"{Identifiers.Slugify(name)}-{suffix}";
        }

        return candidate;
    }

    private static string RequireName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength
            ? throw CarmenException.Invalid("name", $"A name is 1 to {MaxNameLength} characters.")
            : name.Trim();

    private BusinessUnitInfo ToInfo(string businessUnitId) => new(
        businessUnitId,
        state.BusinessUnitNames[businessUnitId],
        [.. state.Clusters.Where(cluster => cluster.Value.BusinessUnitId == businessUnitId)
            .OrderBy(cluster => cluster.Key, StringComparer.Ordinal)
            .Select(cluster => ToInfo(cluster.Key, cluster.Value))]);

    private static ClusterInfo ToInfo(string clusterId, ClusterState cluster) => new(clusterId, cluster.Name, cluster.BusinessUnitId);
}
