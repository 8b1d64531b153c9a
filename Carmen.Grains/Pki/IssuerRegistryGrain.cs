using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Grains.Pki;

/// <summary>The tenant of one imported CA, found by the key identifier its device certificates name.</summary>
[GrainType("issuer-registry")]
public sealed class IssuerRegistryGrain(
    [PersistentState("issuer-registry", StorageNames.Platform)] IPersistentState<IssuerRegistryState> registry) : Grain, IIssuerRegistryGrain
{
    public async Task<bool> ClaimAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (registry.State.TenantId is string holder)
        {
            return holder == tenantId;
        }

        registry.State.TenantId = tenantId;
        await registry.WriteStateAsync(cancellationToken);
        return true;
    }

    public Task<string?> FindTenantAsync(CancellationToken cancellationToken) => Task.FromResult(registry.State.TenantId);
}
