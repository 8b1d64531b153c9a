namespace Carmen.Grains.Interfaces.Provisioning;

/// <summary>
/// One provisioning profile, keyed by its provisionDeviceKey: a device sends the key, not its tenant, so the key finds
/// the profile platform-wide. Only its own tenant reads or deletes it.
/// </summary>
[Alias("Carmen.IProvisioningProfileGrain")]
public interface IProvisioningProfileGrain : IGrainWithStringKey
{
    /// <summary>Creates the profile for <paramref name="tenantId"/>; a conflict that names nothing when the key is taken.</summary>
    [Alias("Create")]
    Task<ProvisioningProfile> CreateAsync(string tenantId, ProvisioningProfileSpec spec, string secret, CancellationToken cancellationToken = default);

    /// <summary>The profile, or null when there is none for <paramref name="tenantId"/> under this key.</summary>
    [Alias("Find")]
    Task<ProvisioningProfile?> FindAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the profile of <paramref name="tenantId"/>; devices it provisioned keep their credentials.</summary>
    [Alias("Delete")]
    Task DeleteAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Checks the secret and provisions the device named in <paramref name="request"/> by the profile's strategy.</summary>
    [Alias("Provision")]
    Task<ProvisionResult> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken = default);
}
