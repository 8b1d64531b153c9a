using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Api.Usage;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.RateLimits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.RateLimits;

/// <summary>
/// A tenant's rate limits. A platform administrator's PUT sets the platform's part, which the tenant's administrators
/// cannot lift; theirs sets the tenant's part, which can only tighten it.
/// </summary>
public static class RateLimitsApi
{
    public static RouteGroupBuilder MapRateLimitsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder limits = tenant.MapGroup("/rate-limits").WithTags("API management").RequirePermission(Permissions.AccessManage);
        limits.MapGet("/", GetAsync);
        limits.MapPut("/", PutAsync).WithSummary(
            "Replaces the caller's part of the tenant's rate limits (per key, per user, per tenant; requests per second with a burst, optionally per route group); in force on every node within 5 s.");
        return tenant;
    }

    public static async Task<Ok<TenantRateLimitsContract>> GetAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(TenantRateLimitsContract.From(await scope.Grain<IRateLimitsGrain>(scope.TenantId).GetAsync(scope.CancellationToken)));

    public static async Task<Ok<TenantRateLimitsContract>> PutAsync(
        [AsParameters] TenantScope scope, RateLimitsContract request, ApiRouteGroups routeGroups, TenantRateLimitsCache cache)
    {
        RateLimitSetter setter = scope.User.IsPlatformAdmin() ? RateLimitSetter.Platform : RateLimitSetter.Tenant;
        TenantRateLimits saved = await scope.Grain<IRateLimitsGrain>(scope.TenantId).SetAsync(request.ToLimits(), setter, routeGroups.All, scope.CancellationToken);
        cache.Changed(scope.TenantId, saved.Effective);
        return TypedResults.Ok(TenantRateLimitsContract.From(saved));
    }
}
