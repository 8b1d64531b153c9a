using Carmen.Grains.Interfaces.Applications;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// Where the engine's two kinds of rollout differ: what is rolled out (a tenant's distribution set, or a platform
/// application release) and which grain a target is (a device, or a tenant's application record).
/// </summary>
internal static class RolloutTargets
{
    /// <summary>The id of what <paramref name="spec"/> rolls out: the distribution set, or the application release.</summary>
    public static long PayloadOf(RolloutSpec spec) => (spec.TargetKind == RolloutTargetKind.Tenants ? spec.ReleaseId : spec.DistributionSetId) ?? 0;

    /// <summary>The distribution set or release <paramref name="id"/>, resolved once and copied to every target.</summary>
    public static Task<Deployment> ResolveAsync(IGrainFactory grains, RolloutTargetKind kind, string tenantId, long id, CancellationToken cancellationToken) =>
        kind == RolloutTargetKind.Tenants
            ? grains.GetGrain<IApplicationCatalogGrain>(IApplicationCatalogGrain.Key).ResolveDeploymentAsync(id, cancellationToken)
            : grains.GetGrain<ISoftwareCatalogGrain>(tenantId).ResolveDeploymentAsync(id, cancellationToken);

    /// <summary>The grain a batch notifies for one target id.</summary>
    public static IRolloutTargetGrain Target(IGrainFactory grains, RolloutTargetKind kind, string tenantId, string targetId) =>
        kind == RolloutTargetKind.Tenants
            ? grains.GetGrain<ITenantApplicationGrain>(targetId)
            : grains.GetGrain<IDeviceGrain>(new DeviceKey(tenantId, targetId).ToString()).AsReference<IRolloutTargetGrain>();
}
