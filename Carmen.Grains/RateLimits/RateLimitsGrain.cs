using System.Globalization;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Grains.RateLimits;

/// <summary>Keeps a tenant's rate limits, each number checked and each route group one the API has.</summary>
[GrainType("rate-limits")]
public sealed class RateLimitsGrain(
    [PersistentState("rate-limits", StorageNames.Tenants)] IPersistentState<RateLimitsState> stored) : Grain, IRateLimitsGrain
{
    public Task<TenantRateLimits> GetAsync(CancellationToken cancellationToken) => Task.FromResult(stored.State.Limits);

    public async Task<TenantRateLimits> SetAsync(RateLimitPolicy limits, RateLimitSetter setter, IReadOnlySet<string> routeGroups, CancellationToken cancellationToken)
    {
        var checkedLimits = new RateLimitPolicy(
            Checked(limits.PerKey, "perKey", routeGroups),
            Checked(limits.PerUser, "perUser", routeGroups),
            Checked(limits.PerTenant, "perTenant", routeGroups));
        TenantRateLimits current = stored.State.Limits;
        stored.State.Limits = setter == RateLimitSetter.Platform ? current with { Platform = checkedLimits } : current with { Tenant = checkedLimits };
        await stored.WriteStateAsync(cancellationToken);
        return stored.State.Limits;
    }

    private static RateLimit? Checked(RateLimit? limit, string field, IReadOnlySet<string>? routeGroups)
    {
        if (limit is null)
        {
            return null;
        }

        if (!double.IsFinite(limit.RequestsPerSecond) || limit.RequestsPerSecond <= 0 || limit.RequestsPerSecond > RateLimit.MaxRequestsPerSecond)
        {
            throw CarmenException.Invalid($"{field}.requestsPerSecond",
                $"{field}.requestsPerSecond must be above 0 and at most {RateLimit.MaxRequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        if (limit.Burst < 1 || limit.Burst > RateLimit.MaxBurst)
        {
            throw CarmenException.Invalid($"{field}.burst", $"{field}.burst must be from 1 to {RateLimit.MaxBurst.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        if (limit.RouteGroups is not { Count: > 0 } groups)
        {
            return limit with { RouteGroups = null };
        }

        if (routeGroups is null)
        {
            throw CarmenException.Invalid($"{field}.routeGroups", $"A route group's limit ({field}) has no route groups of its own.");
        }

        var checkedGroups = new Dictionary<string, RateLimit>(StringComparer.Ordinal);
        foreach ((string group, RateLimit groupLimit) in groups)
        {
            if (!routeGroups.Contains(group))
            {
                throw CarmenException.Invalid($"{field}.routeGroups.{group}",
                    $"'{group}' is not a route group; the API has: {string.Join(", ", routeGroups.Order(StringComparer.Ordinal))}.");
            }

            checkedGroups[group] = Checked(groupLimit, $"{field}.routeGroups.{group}", null)!;
        }

        return limit with { RouteGroups = checkedGroups };
    }
}
