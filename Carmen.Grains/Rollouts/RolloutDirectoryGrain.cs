using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

/// <summary>A tenant's rollout ids: handed out in order, listed newest first.</summary>
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

    public async Task ReleaseAsync(long rolloutId, CancellationToken cancellationToken)
    {
        if (directory.State.Ids.Remove(rolloutId))
        {
            await directory.WriteStateAsync(cancellationToken);
        }
    }
}
