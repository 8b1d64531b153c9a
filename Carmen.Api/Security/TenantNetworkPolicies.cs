using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces.Security;

namespace Carmen.Api.Security;

/// <summary>Each tenant's network policy as this node last read it: an API key's every request checks it.</summary>
public sealed class TenantNetworkPolicies(IGrainFactory grains, TimeProvider time) : PerTenantCache<NetworkPolicy>(time)
{
    protected override Task<NetworkPolicy> ReadAsync(string tenantId, CancellationToken cancellationToken) =>
        grains.GetGrain<INetworkPolicyGrain>(tenantId).GetAsync(cancellationToken);
}
