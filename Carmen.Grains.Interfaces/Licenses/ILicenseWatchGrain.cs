using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>The tenants holding licenses (key 0), whose warnings each silo's sweeper has checked every interval.</summary>
[Alias("Carmen.ILicenseWatchGrain")]
public interface ILicenseWatchGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a tenant that received a license (one-way: the caller does not wait).</summary>
    [Alias("Watch"), OneWay]
    Task WatchAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Checks every watched tenant's warnings; a tenant without licenses any more is dropped.</summary>
    [Alias("CheckAll")]
    Task CheckAllAsync(CancellationToken cancellationToken = default);
}
