using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Provisioning;

namespace Carmen.Grains.Provisioning;

/// <summary>A tenant's provisioning profile keys; at most <see cref="MaxProfiles"/>.</summary>
[GrainType("provisioning-directory")]
public sealed class ProvisioningDirectoryGrain(
    [PersistentState("provisioning-directory", StorageNames.Tenants)] IPersistentState<ProvisioningDirectoryState> directory) : Grain, IProvisioningDirectoryGrain
{
    public const int MaxProfiles = 100;

    public async Task AddAsync(string key, CancellationToken cancellationToken)
    {
        if (directory.State.Keys.Count >= MaxProfiles)
        {
            throw CarmenException.Conflict($"A tenant has at most {MaxProfiles} provisioning profiles.");
        }

        if (directory.State.Keys.Add(key))
        {
            await directory.WriteStateAsync(cancellationToken);
        }
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        if (directory.State.Keys.Remove(key))
        {
            await directory.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. directory.State.Keys]);

    /// <summary>The tenant is deleted: its profiles go, so their keys provision nothing into a tenant made later under the same id.</summary>
    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        string tenantId = this.GetPrimaryKeyString();
        await Task.WhenAll(directory.State.Keys.Select(key => GrainFactory.GetGrain<IProvisioningProfileGrain>(key).DeleteAsync(tenantId, cancellationToken)));
        await directory.ClearStateAsync(cancellationToken);
    }
}
