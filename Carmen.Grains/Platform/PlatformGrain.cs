using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Platform;

namespace Carmen.Grains.Platform;

/// <summary>The directory of tenants. Tenants number in the thousands, not millions, so one grain holds them all.</summary>
[GrainType("platform")]
public sealed class PlatformGrain(
    [PersistentState("platform", StorageNames.Platform)] IPersistentState<PlatformState> platform) : Grain, IPlatformGrain
{
    public async Task AddTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (platform.State.TenantIds.Add(tenantId))
        {
            await platform.WriteStateAsync(cancellationToken);
        }
    }

    public async Task RemoveTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (platform.State.TenantIds.Remove(tenantId))
        {
            await platform.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<string>> GetTenantIdsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. platform.State.TenantIds]);

    public Task<bool> IsBootstrappedAsync(CancellationToken cancellationToken) => Task.FromResult(platform.State.Bootstrapped);

    public async Task MarkBootstrappedAsync(CancellationToken cancellationToken)
    {
        platform.State.Bootstrapped = true;
        await platform.WriteStateAsync(cancellationToken);
    }
}
