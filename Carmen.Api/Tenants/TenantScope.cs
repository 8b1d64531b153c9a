using System.Security.Claims;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Tenants;

/// <summary>What every tenant-scoped handler needs: the route's tenant, the grains, the caller and the request's cancellation.</summary>
public readonly record struct TenantScope(string TenantId, IGrainFactory Grains, ClaimsPrincipal User, CancellationToken CancellationToken)
{
    public ITenantGrain Tenant => Grains.GetGrain<ITenantGrain>(TenantId);

    public T Grain<T>(string key) where T : IGrainWithStringKey => Grains.GetGrain<T>(key);
}
