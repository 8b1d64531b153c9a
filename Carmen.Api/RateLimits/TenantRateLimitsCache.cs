using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Api.RateLimits;

/// <summary>The limits in force on each tenant's callers as this node last read them: every limited request checks them.</summary>
public sealed class TenantRateLimitsCache(IGrainFactory grains, TimeProvider time) : PerTenantCache<RateLimitPolicy>(time)
{
    protected override async Task<RateLimitPolicy> ReadAsync(string tenantId, CancellationToken cancellationToken) =>
        (await grains.GetGrain<IRateLimitsGrain>(tenantId).GetAsync(cancellationToken)).Effective;
}
