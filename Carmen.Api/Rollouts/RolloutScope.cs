using System.Reflection;
using System.Security.Claims;
using Carmen.Api.Auth;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Rollouts;

/// <summary>
/// Whose rollouts a request addresses: the route's tenant (device rollouts), or the platform (application rollouts
/// to tenants) on routes without a tenant. One set of handlers serves both.
/// </summary>
public readonly record struct RolloutScope(string ScopeId, IGrainFactory Grains, ClaimsPrincipal User, CancellationToken CancellationToken)
{
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
            http.RequestAborted));
}
