using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Api.Contracts;

/// <summary>
/// A tenant's limits: those in force (<c>effective</c>, the stricter of the other two, limit by limit), those the
/// platform's administrators set, and those the tenant's own administrators set.
/// </summary>
public sealed record TenantRateLimitsContract(RateLimitsContract Effective, RateLimitsContract Platform, RateLimitsContract Tenant)
{
    public static TenantRateLimitsContract From(TenantRateLimits limits) =>
        new(RateLimitsContract.From(limits.Effective), RateLimitsContract.From(limits.Platform), RateLimitsContract.From(limits.Tenant));
}
