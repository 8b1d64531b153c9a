using Carmen.Grains.Interfaces.Platform;
using Orleans.Concurrency;

namespace Carmen.Grains.Platform;

[StatelessWorker]
[GrainType("store-health")]
public sealed class StoreHealthGrain(IStoreProbe store) : Grain, IStoreHealthGrain
{
    public Task CheckAsync(CancellationToken cancellationToken) => store.PingAsync(cancellationToken);
}
