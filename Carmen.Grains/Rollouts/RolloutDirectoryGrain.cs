using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

/// <summary>A tenant's rollout ids: handed out in order, listed newest first; and which sets the rollouts not yet ended deliver.</summary>
[GrainType("rollout-directory")]
public sealed class RolloutDirectoryGrain(
    [PersistentState("rollout-directory", StorageNames.Rollouts)] IPersistentState<RolloutDirectoryState> directory) : Grain, IRolloutDirectoryGrain
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

    public async Task DeliveringAsync(long rolloutId, long payloadId, CancellationToken cancellationToken)
    {
        if (!directory.State.Delivering.TryGetValue(rolloutId, out long known) || known != payloadId)
        {
            directory.State.Delivering[rolloutId] = payloadId;
            await directory.WriteStateAsync(cancellationToken);
        }
    }

    public async Task DeliveredAsync(long rolloutId, CancellationToken cancellationToken)
    {
        if (directory.State.Delivering.Remove(rolloutId))
        {
            await directory.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<long>> ListDeliveringAsync(long payloadId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>([.. directory.State.Delivering.Where(entry => entry.Value == payloadId).Select(entry => entry.Key).Order()]);

    public Task EraseAsync(CancellationToken cancellationToken) => directory.ClearStateAsync(cancellationToken);

    public async Task ReleaseAsync(long rolloutId, CancellationToken cancellationToken)
    {
        bool delivering = directory.State.Delivering.Remove(rolloutId);
        if (directory.State.Ids.Remove(rolloutId) || delivering)
        {
            await directory.WriteStateAsync(cancellationToken);
        }
    }
}
