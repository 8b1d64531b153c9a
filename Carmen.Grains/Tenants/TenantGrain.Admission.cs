using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Tenants;

/// <summary>
/// Device slots, per cluster: the tenant's own device limit, what its licenses admit (overage included), and each
/// business unit's allocation of them; units without an allocation share what is not allocated.
/// </summary>
public sealed partial class TenantGrain
{
    public Task<ClusterAdmission> AdmitDevicesToClustersAsync(IReadOnlyDictionary<string, int> countsByCluster, CancellationToken cancellationToken)
    {
        TenantState state = RequireActive();
        var unknown = countsByCluster.Keys.Where(clusterId => !state.Clusters.ContainsKey(clusterId)).ToHashSet(StringComparer.Ordinal);
        var granted = new Dictionary<string, int>(StringComparer.Ordinal);
        var limitedByLicense = new HashSet<string>(StringComparer.Ordinal);
        LicenseAllowance allowance = Allowance();
        foreach ((string clusterId, int count) in countsByCluster.Where(asked => !unknown.Contains(asked.Key) && asked.Value > 0))
        {
            int byLimit = state.Limits.MaxDevices is int max ? Math.Clamp(max - _devicesInService, 0, count) : count;
            int byLicense = allowance.Licensed ? Math.Min(byLimit, LicensedRoom(state, allowance, clusterId)) : byLimit;
            if (byLicense < byLimit)
            {
                limitedByLicense.Add(clusterId);
            }

            granted[clusterId] = byLicense;
            Count(clusterId, byLicense);
        }

        return Task.FromResult(new ClusterAdmission(granted, unknown, limitedByLicense));
    }

    public Task MoveDeviceAsync(string fromClusterId, string toClusterId, CancellationToken cancellationToken)
    {
        TenantState state = RequireActive();
        if (!state.Clusters.TryGetValue(toClusterId, out ClusterState? target))
        {
            throw CarmenException.Invalid("clusterId", $"Cluster '{toClusterId}' does not exist.");
        }

        bool otherUnit = state.Clusters.GetValueOrDefault(fromClusterId)?.BusinessUnitId != target.BusinessUnitId;
        if (otherUnit && Allowance() is { Licensed: true } allowance && LicensedRoom(state, allowance, toClusterId, movingFrom: fromClusterId) < 1)
        {
            throw CarmenException.NotEntitled(LicenseEntitlementNames.Devices,
                $"Business unit '{target.BusinessUnitId}' has no room left in its share of the tenant's licensed devices.");
        }

        Count(fromClusterId, -1);
        Count(toClusterId, 1);
        return Task.CompletedTask;
    }

    public Task ReleaseDeviceSlotsAsync(int count, string? clusterId, CancellationToken cancellationToken)
    {
        if (clusterId is null)
        {
            _devicesInService = Math.Max(0, _devicesInService - count);
        }
        else
        {
            Count(clusterId, -count);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// How many more devices the licenses admit into <paramref name="clusterId"/>: the tenant's room, bounded by its
    /// business unit's allocation, or for a unit without one, by what the allocations leave to be shared.
    /// </summary>
    private int LicensedRoom(TenantState state, LicenseAllowance allowance, string clusterId, string? movingFrom = null)
    {
        int room = allowance.DeviceAllowance - _devicesInService + (movingFrom is null ? 0 : 1);
        Dictionary<string, UnitAllocation> allocations = state.LicenseAllocations;
        string unit = state.Clusters[clusterId].BusinessUnitId;
        if (allocations.GetValueOrDefault(unit)?.Devices is int allocated)
        {
            return Math.Max(0, Math.Min(room, allocated - DevicesInUnit(state, unit)));
        }

        int allocatedElsewhere = allocations.Values.Sum(allocation => allocation.Devices ?? 0);
        int inSharedUnits = DevicesInSharedUnits(state);
        int movedWithin = movingFrom is not null && allocations.GetValueOrDefault(state.Clusters.GetValueOrDefault(movingFrom)?.BusinessUnitId ?? "")?.Devices is null ? 1 : 0;
        return Math.Max(0, Math.Min(room, allowance.DeviceAllowance - allocatedElsewhere - inSharedUnits + movedWithin));
    }

    /// <summary>
    /// Refuses moving a cluster into a business unit whose share of the licensed devices or users its devices or the
    /// users with roles at it would exceed (or, from a unit with a share, into the shared rest when that cannot hold them).
    /// </summary>
    private void RequireShareRoomForCluster(TenantState state, string clusterId, string targetUnit)
    {
        if (!state.Clusters.TryGetValue(clusterId, out ClusterState? cluster) || cluster.BusinessUnitId == targetUnit
            || !state.BusinessUnitNames.ContainsKey(targetUnit) || Allowance() is not { Licensed: true } allowance)
        {
            return;
        }

        Dictionary<string, UnitAllocation> allocations = state.LicenseAllocations;
        int devices = _devicesByCluster.GetValueOrDefault(clusterId);
        bool fromShared = allocations.GetValueOrDefault(cluster.BusinessUnitId)?.Devices is null;
        int room = allocations.GetValueOrDefault(targetUnit)?.Devices is int allocated
            ? allocated - DevicesInUnit(state, targetUnit)
            : allowance.DeviceAllowance - allocations.Values.Sum(allocation => allocation.Devices ?? 0) - DevicesInSharedUnits(state) + (fromShared ? devices : 0);
        if (devices > room)
        {
            throw CarmenException.NotEntitled(LicenseEntitlementNames.Devices,
                $"Cluster '{clusterId}' has {devices} device(s) in service; business unit '{targetUnit}' has room for {Math.Max(0, room)} in its share of the licensed devices.");
        }

        if (allocations.GetValueOrDefault(targetUnit)?.Users is int allocatedUsers)
        {
            int users = accessState.State.Assignments
                .Where(assignment => state.Usernames.Contains(assignment.Principal)
                    && (UnitOf(state, assignment.Scope) == targetUnit || (assignment.Scope.Type == ScopeType.Cluster && assignment.Scope.Id == clusterId)))
                .Select(assignment => assignment.Principal).Distinct(StringComparer.Ordinal).Count();
            if (users > allocatedUsers)
            {
                throw CarmenException.NotEntitled(LicenseEntitlementNames.Users,
                    $"With cluster '{clusterId}', {users} user(s) would hold roles in business unit '{targetUnit}', which has {allocatedUsers} allocated.");
            }
        }
    }

    /// <summary>Devices in service in business units without a share of their own.</summary>
    private int DevicesInSharedUnits(TenantState state) =>
        state.Clusters.Where(cluster => state.LicenseAllocations.GetValueOrDefault(cluster.Value.BusinessUnitId)?.Devices is null)
            .Sum(cluster => _devicesByCluster.GetValueOrDefault(cluster.Key));

    private int DevicesInUnit(TenantState state, string unit) =>
        state.Clusters.Where(cluster => cluster.Value.BusinessUnitId == unit).Sum(cluster => _devicesByCluster.GetValueOrDefault(cluster.Key));

    private void Count(string clusterId, int change)
    {
        int before = _devicesByCluster.GetValueOrDefault(clusterId);
        int after = Math.Max(0, before + change);
        _devicesByCluster[clusterId] = after;
        _devicesInService = Math.Max(0, _devicesInService + after - before);
        NotePeak();
    }

    private async Task CountDevicesInServiceAsync(CancellationToken cancellationToken)
    {
        _devicesByCluster.Clear();
        foreach ((string clusterId, DeviceStatus status, long count) in await index.CountByClusterAndStatusAsync(TenantId, cancellationToken))
        {
            if (status != DeviceStatus.Decommissioned)
            {
                _devicesByCluster[clusterId] = _devicesByCluster.GetValueOrDefault(clusterId) + (int)count;
            }
        }

        _devicesInService = _devicesByCluster.Values.Sum();
    }
}
