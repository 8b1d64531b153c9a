using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;

namespace Carmen.Api.Access;

/// <summary>
/// What the caller of a tenant route may do there, decided in memory from the tenant's <see cref="AccessIndex"/>.
/// Platform administrators hold everything. What the caller cannot see at all is not found, as another tenant's
/// resources are; what it sees but may not change is forbidden.
/// </summary>
public sealed class CallerAccess
{
    private static readonly PermissionSet s_readDevices = Permissions.Of(Permissions.DevicesRead);

    private readonly AccessIndex? _index;

    private CallerAccess(AccessIndex? index, string principal, AccessIndex tenantIndex)
    {
        _index = index;
        Principal = principal;
        Index = tenantIndex;
    }

    public string Principal { get; }

    /// <summary>The tenant's whole index, for questions about others' access (who has access, what may a user do).</summary>
    public AccessIndex Index { get; }

    public bool IsPlatformAdmin => _index is null;

    public static CallerAccess Of(AccessIndex index, string principal) => new(index, principal, index);

    public static CallerAccess PlatformAdmin(AccessIndex index, string principal) => new(null, principal, index);

    /// <summary>The caller's access on the request's tenant route, which <see cref="Tenants.TenantGate"/> put there.</summary>
    public static CallerAccess From(HttpContext http) =>
        http.Items[typeof(CallerAccess)] as CallerAccess ?? throw new InvalidOperationException("Caller access is decided on /tenants/{tenantId} routes only.");

    /// <summary>The caller's permissions on the node itself.</summary>
    public PermissionSet At(AccessScope scope) => _index?.At(Principal, scope) ?? PermissionSet.Everything;

    /// <summary>Whether the node exists for the caller.</summary>
    public bool Sees(AccessScope scope) => _index?.Sees(Principal, scope) ?? true;

    /// <summary>The clusters whose devices the caller holds <paramref name="permission"/> on.</summary>
    public ClusterSelection Clusters(string permission) => _index?.Clusters(Principal, Permissions.Of(permission)) ?? ClusterSelection.All;

    public bool HoldsAnywhere(PermissionSet needed) => _index?.HoldsAnywhere(Principal, needed) ?? true;

    public bool OnDeviceIn(string clusterId, PermissionSet needed) => _index?.OnDeviceIn(Principal, clusterId).Contains(needed) ?? true;

    /// <summary>Whether the caller holds <paramref name="permission"/> on every device of the clusters (null: the whole tenant).</summary>
    public bool Covers(IReadOnlyCollection<string>? clusterIds, string permission) =>
        _index?.Covers(Principal, clusterIds, Permissions.Of(permission)) ?? true;

    /// <summary>Refuses a scope a request names that does not exist for the caller, as a field error on "scope.id".</summary>
    public void RequireSeen(AccessScope scope, string tenantId)
    {
        if (!Sees(scope))
        {
            throw CarmenException.Invalid("scope.id", $"Tenant '{tenantId}' has no {scope.Describe()}.");
        }
    }

    /// <summary>Refuses unless the caller holds <paramref name="permission"/> at the node.</summary>
    public void RequireAt(AccessScope scope, string permission, string notFound)
    {
        if (!At(scope).Contains(Permissions.Of(permission)))
        {
            throw Sees(scope) ? Refusal(permission, scope.Describe()) : CarmenException.NotFound(notFound);
        }
    }

    /// <summary>
    /// Refuses unless the caller holds <paramref name="permission"/> on devices of the cluster: forbidden when it holds
    /// <paramref name="seenWith"/> there (it sees the resource), not found otherwise.
    /// </summary>
    public void RequireOnDeviceIn(string clusterId, string permission, string notFound, string seenWith = Permissions.DevicesRead)
    {
        if (!OnDeviceIn(clusterId, Permissions.Of(permission)))
        {
            throw OnDeviceIn(clusterId, Permissions.Of(seenWith)) ? Refusal(permission, $"the devices of cluster '{clusterId}'") : CarmenException.NotFound(notFound);
        }
    }

    /// <summary>
    /// Refuses putting a device into <paramref name="clusterId"/> (registering, claiming, moving, importing) unless the
    /// caller may change devices there; a cluster it cannot see is as unknown as one that does not exist.
    /// </summary>
    public void RequireDeviceWriteIn(string? clusterId, string field)
    {
        if (clusterId is null || OnDeviceIn(clusterId, Permissions.Of(Permissions.DevicesWrite)))
        {
            return;
        }

        throw OnDeviceIn(clusterId, s_readDevices) || Sees(AccessScope.Cluster(clusterId))
            ? Refusal(Permissions.DevicesWrite, $"the devices of cluster '{clusterId}'")
            : CarmenException.Invalid(field, $"Cluster '{clusterId}' does not exist.");
    }

    /// <summary>
    /// Refuses unless the caller holds <paramref name="permission"/> on every device of the clusters (null: the whole
    /// tenant), as for a rollout or alert that touches them; not found when it cannot even read there.
    /// </summary>
    public void RequireCovering(IReadOnlyCollection<string>? clusterIds, string permission, string notFound)
    {
        if (_index is null || _index.Covers(Principal, clusterIds, Permissions.Of(permission)))
        {
            return;
        }

        throw _index.Covers(Principal, clusterIds, s_readDevices)
            ? Refusal(permission, clusterIds is { Count: > 0 } ? $"cluster(s) {string.Join(", ", clusterIds)}" : "the whole tenant")
            : CarmenException.NotFound(notFound);
    }

    public static CarmenException Refusal(string permission, string where) =>
        CarmenException.Forbidden($"This needs the permission '{permission}' on {where}.");

}
