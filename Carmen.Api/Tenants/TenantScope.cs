using System.Security.Claims;
using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Tenants;

/// <summary>What every tenant-scoped handler needs: the route's tenant, the grains, the caller and what it may do, and the request's cancellation.</summary>
public readonly record struct TenantScope(string TenantId, IGrainFactory Grains, ClaimsPrincipal User, HttpContext Http, CancellationToken CancellationToken)
{
    /// <summary>What the caller may do in this tenant, decided by <see cref="TenantGate"/>.</summary>
    public CallerAccess Access => CallerAccess.From(Http);

    /// <summary>Who acts, with the address they act from, for access decisions and records.</summary>
    public AccessActor Actor => new(User.Actor(), User.IsPlatformAdmin(), ClientAddress.Normal(Http.Connection.RemoteIpAddress)?.ToString());

    public ITenantGrain Tenant => Grains.GetGrain<ITenantGrain>(TenantId);

    public T Grain<T>(string key) where T : IGrainWithStringKey => Grains.GetGrain<T>(key);
}
