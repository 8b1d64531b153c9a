namespace Carmen.Grains.Interfaces.Platform;

/// <summary>Answers readiness probes from inside the cluster: a call that succeeds proves a silo is serving and its store answers.</summary>
[Alias("Carmen.IStoreHealthGrain")]
public interface IStoreHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Checks the store; throws when it does not answer.</summary>
    [Alias("Check")]
    Task CheckAsync(CancellationToken cancellationToken = default);
}
