using System.Reflection;
using System.Security.Claims;
using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Rollouts;

/// <summary>
/// Whose rollouts a request addresses: the route's tenant (device rollouts), or the platform (application rollouts
/// to tenants) on routes without a tenant. One set of handlers serves both.
/// </summary>
public readonly record struct RolloutScope(string ScopeId, IGrainFactory Grains, ClaimsPrincipal User, HttpContext? TenantRequest, CancellationToken CancellationToken)
{
    /// <summary>What a tenant's caller may do (decided when the tenant route's filter ran, after binding); null on the platform's routes.</summary>
    public CallerAccess? Caller => TenantRequest is null ? null : CallerAccess.From(TenantRequest);

    public bool IsPlatform => ScopeId == RolloutKeys.PlatformScope;

    /// <summary>Who acts, for the rollout's record.</summary>
    public string By => User.Actor();

    public IRolloutGrain Rollout(long rolloutId) => Grains.GetGrain<IRolloutGrain>(RolloutKeys.Rollout(ScopeId, rolloutId));

    public IRolloutDirectoryGrain Directory => Grains.GetGrain<IRolloutDirectoryGrain>(ScopeId);

    public string PathOf(long rolloutId) => IsPlatform
        ? $"/api/v1/platform/application/rollouts/{rolloutId}"
        : $"/api/v1/tenants/{ScopeId}/rollouts/{rolloutId}";

    /// <summary>Minimal APIs' binding hook: the scope comes from the route.</summary>
    public static ValueTask<RolloutScope?> BindAsync(HttpContext http, ParameterInfo parameter) =>
        ValueTask.FromResult<RolloutScope?>(new RolloutScope(
            http.GetRouteValue("tenantId") as string ?? RolloutKeys.PlatformScope,
            http.RequestServices.GetRequiredService<IGrainFactory>(),
            http.User,
            http.GetRouteValue("tenantId") is null ? null : http,
            http.RequestAborted));

    /// <summary>
    /// Refuses a tenant's caller who does not hold <paramref name="permission"/> on every cluster the rollout targets
    /// (not found when it cannot even read them). Whoever holds it tenant-wide costs no lookup.
    /// </summary>
    public async Task RequireOnRolloutAsync(long rolloutId, string permission)
    {
        if (Caller is null || Caller.Clusters(permission).AllClusters)
        {
            return;
        }

        RolloutInfo rollout = await Rollout(rolloutId).GetAsync(CancellationToken);
        Caller.RequireCovering(rollout.Spec.Targets.ClusterIds, permission, $"Rollout {rolloutId} does not exist.");
    }
}
