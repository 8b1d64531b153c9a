using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>A tenant's rollouts (keyed by tenant id): hands out rollout ids and lists them.</summary>
[Alias("Carmen.IRolloutDirectoryGrain")]
public interface IRolloutDirectoryGrain : ITenantRecordGrain
{
    /// <summary>A new rollout id, recorded in the listing.</summary>
    [Alias("Reserve")]
    Task<long> ReserveAsync(CancellationToken cancellationToken = default);

    /// <summary>Every rollout id, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<long>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that the rollout delivers the distribution set (or release) until it ends.</summary>
    [Alias("Delivering")]
    Task DeliveringAsync(long rolloutId, long payloadId, CancellationToken cancellationToken = default);

    /// <summary>Records that the rollout ended (finished, canceled, rolled back or denied) and delivers nothing more.</summary>
    [Alias("Delivered")]
    Task DeliveredAsync(long rolloutId, CancellationToken cancellationToken = default);

    /// <summary>The rollouts not yet ended that deliver the distribution set (or release), oldest first.</summary>
    [Alias("ListDelivering")]
    Task<IReadOnlyList<long>> ListDeliveringAsync(long payloadId, CancellationToken cancellationToken = default);

    /// <summary>Forgets an id whose rollout was never created.</summary>
    [Alias("Release")]
    Task ReleaseAsync(long rolloutId, CancellationToken cancellationToken = default);
}
