using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Grains.Incidents;

/// <summary>A tenant's incident ids: handed out in order, listed newest first; erased with the incidents when the tenant goes.</summary>
[GrainType("incident-directory")]
public sealed class IncidentDirectoryGrain(
    [PersistentState("incident-directory", StorageNames.Devices)] IPersistentState<IncidentDirectoryState> directory) : Grain, IIncidentDirectoryGrain
{
    public async Task<long> ReserveAsync(CancellationToken cancellationToken)
    {
        long id = ++directory.State.LastId;
        directory.State.Ids.Add(id);
        await directory.WriteStateAsync(cancellationToken);
        return id;
    }

    public Task<IReadOnlyList<long>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>([.. Enumerable.Reverse(directory.State.Ids)]);

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        string tenantId = this.GetPrimaryKeyString();
        await Task.WhenAll(directory.State.Ids.Select(id => GrainFactory.GetGrain<IIncidentGrain>(IncidentKeys.Of(tenantId, id)).EraseAsync(cancellationToken)));
        await directory.ClearStateAsync(cancellationToken);
    }
}
