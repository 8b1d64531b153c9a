namespace Carmen.Grains.Interfaces.Sso;

/// <summary>The platform's map of email domains to the tenant provider that signs them in (home-realm discovery). Keyed by <see cref="Key"/>.</summary>
[Alias("Carmen.IIdentityProviderDirectoryGrain")]
public interface IIdentityProviderDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one directory's key.</summary>
    const string Key = "platform";

    /// <summary>Gives the domains to a tenant's provider (and takes back those it no longer lists); conflict for a domain another tenant's provider has.</summary>
    [Alias("Claim")]
    Task ClaimAsync(string tenantId, string providerId, IReadOnlyList<string> domains, CancellationToken cancellationToken = default);

    /// <summary>The tenant and provider for an email's domain, or null.</summary>
    [Alias("Find")]
    Task<(string TenantId, string ProviderId)?> FindAsync(string domain, CancellationToken cancellationToken = default);
}
