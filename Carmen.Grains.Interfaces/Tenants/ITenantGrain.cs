using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Users;
using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>
/// One tenant: its settings, quotas and status, its business unit and cluster hierarchy, its users,
/// and the count of its devices against the quota. Keyed by the tenant id.
/// </summary>
[Alias("Carmen.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Provisions the tenant; conflict if it exists.</summary>
    [Alias("Create")]
    Task<TenantInfo> CreateAsync(TenantSpec spec, CancellationToken cancellationToken = default);

    /// <summary>The tenant; not found if it does not exist.</summary>
    [Alias("Get")]
    Task<TenantInfo> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The status alone, <see cref="TenantStatus.None"/> when the tenant does not exist. Cheap: used on every request.</summary>
    /// <remarks>
    /// Interleaves: a suspension calls the tenant's connected devices, and a device connecting at that moment asks for
    /// the status; waiting for the suspension to finish would deadlock the two calls until they time out.
    /// </remarks>
    [Alias("GetStatus"), AlwaysInterleave]
    Task<TenantStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Status and incarnation, which a token of one of its users must match; <see cref="TenantStatus.None"/> when it does not exist.</summary>
    [Alias("GetAccess"), AlwaysInterleave]
    Task<TenantAccess> GetAccessAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes name, display name, settings or limits.</summary>
    [Alias("Update")]
    Task<TenantInfo> UpdateAsync(TenantUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Suspends the tenant: its users and devices are refused until resumed.</summary>
    [Alias("Suspend")]
    Task<TenantInfo> SuspendAsync(string? reason, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended tenant.</summary>
    [Alias("Resume")]
    Task<TenantInfo> ResumeAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the tenant with its users and decommissioned devices; refused while it still has devices in service.</summary>
    [Alias("Delete")]
    Task DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>All business units with their clusters.</summary>
    [Alias("GetBusinessUnits")]
    Task<IReadOnlyList<BusinessUnitInfo>> GetBusinessUnitsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a business unit; the id is derived from the name when not given.</summary>
    [Alias("CreateBusinessUnit")]
    Task<BusinessUnitInfo> CreateBusinessUnitAsync(string? id, string name, CancellationToken cancellationToken = default);

    /// <summary>Renames a business unit.</summary>
    [Alias("RenameBusinessUnit")]
    Task<BusinessUnitInfo> RenameBusinessUnitAsync(string businessUnitId, string name, CancellationToken cancellationToken = default);

    /// <summary>Removes a business unit; refused while it has clusters.</summary>
    [Alias("RemoveBusinessUnit")]
    Task RemoveBusinessUnitAsync(string businessUnitId, CancellationToken cancellationToken = default);

    /// <summary>Creates a cluster under a business unit; the id is derived from the name when not given.</summary>
    [Alias("CreateCluster")]
    Task<ClusterInfo> CreateClusterAsync(string businessUnitId, string? id, string name, CancellationToken cancellationToken = default);

    /// <summary>Renames a cluster.</summary>
    [Alias("RenameCluster")]
    Task<ClusterInfo> RenameClusterAsync(string clusterId, string name, CancellationToken cancellationToken = default);

    /// <summary>Moves a cluster, with its devices, under another business unit.</summary>
    [Alias("MoveCluster")]
    Task<ClusterInfo> MoveClusterAsync(string clusterId, string targetBusinessUnitId, CancellationToken cancellationToken = default);

    /// <summary>Removes a cluster; refused while devices in service remain in it.</summary>
    [Alias("RemoveCluster")]
    Task RemoveClusterAsync(string clusterId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves up to <paramref name="count"/> device slots for devices going into <paramref name="clusterIds"/>:
    /// refused when the tenant is not active; grants fewer slots when the quota is nearly used.
    /// </summary>
    [Alias("AdmitDevices")]
    Task<DeviceAdmission> AdmitDevicesAsync(int count, IReadOnlySet<string> clusterIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves device slots per cluster (<paramref name="countsByCluster"/>): grants fewer where the tenant's device
    /// limit, its licenses or a business unit's allocation of them is nearly used; refused when the tenant is not active.
    /// </summary>
    [Alias("AdmitDevicesToClusters")]
    Task<ClusterAdmission> AdmitDevicesToClustersAsync(IReadOnlyDictionary<string, int> countsByCluster, CancellationToken cancellationToken = default);

    /// <summary>
    /// Admits a device in service moving from cluster <paramref name="fromClusterId"/> to <paramref name="toClusterId"/>:
    /// invalid when the cluster does not exist; refused (naming the entitlement) when the target's business unit has no
    /// room left in its allocation.
    /// </summary>
    [Alias("MoveDevice")]
    Task MoveDeviceAsync(string fromClusterId, string toClusterId, CancellationToken cancellationToken = default);

    /// <summary>Hands back reserved slots of <paramref name="clusterId"/> that were not used, or slots of decommissioned devices.</summary>
    [Alias("ReleaseDeviceSlots")]
    Task ReleaseDeviceSlotsAsync(int count, string? clusterId = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a user of this tenant (any role but platform administrator); conflict when the username is taken or the user quota is used.</summary>
    [Alias("CreateUser")]
    Task<UserInfo> CreateUserAsync(string username, UserRole role, string password, AccessActor? actor = null, string? email = null, CancellationToken cancellationToken = default);

    /// <summary>Gives a user of this tenant another role (any but platform administrator) or a new password; either ends the user's tokens.</summary>
    [Alias("ChangeUser")]
    Task<UserInfo> ChangeUserAsync(string username, UserRole? role, string? newPassword, AccessActor? actor = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a user of this tenant.</summary>
    [Alias("DeleteUser")]
    Task DeleteUserAsync(string username, AccessActor? actor = null, CancellationToken cancellationToken = default);

    /// <summary>The users of this tenant.</summary>
    [Alias("GetUsers")]
    Task<IReadOnlyList<UserInfo>> GetUsersAsync(CancellationToken cancellationToken = default);
}
