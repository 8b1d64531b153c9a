namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// Which tenant imported the CA with this key identifier (keyed by the hex subject key identifier): a device
/// certificate of a tenant's own PKI names no Carmen device, but its authority key identifier names its CA.
/// </summary>
[Alias("Carmen.IIssuerRegistryGrain")]
public interface IIssuerRegistryGrain : IGrainWithStringKey
{
    /// <summary>Records the tenant as the CA's; false when another tenant holds it (one CA signs in to one tenant).</summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The tenant that imported the CA, or null.</summary>
    [Alias("FindTenant")]
    Task<string?> FindTenantAsync(CancellationToken cancellationToken = default);
}
