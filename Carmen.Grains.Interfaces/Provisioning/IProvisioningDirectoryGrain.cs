namespace Carmen.Grains.Interfaces.Provisioning;

/// <summary>A tenant's provisioning profile keys (keyed by tenant id), for listing; erasing it deletes the profiles.</summary>
[Alias("Carmen.IProvisioningDirectoryGrain")]
public interface IProvisioningDirectoryGrain : Tenants.ITenantRecordGrain
{
    /// <summary>Records a profile's key; a conflict when the tenant has as many profiles as it may.</summary>
    [Alias("Add")]
    Task AddAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Forgets a profile's key.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The tenant's profile keys, in order.</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);
}
