namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// Renewal requests of every tenant (key 0): filed by tenant administrators, listed for platform administrators,
/// fulfilled when a renewal of the license is installed, or declined.
/// </summary>
[Alias("Carmen.ILicenseRenewalRequestsGrain")]
public interface ILicenseRenewalRequestsGrain : IGrainWithIntegerKey
{
    /// <summary>Files a request; one open request per tenant and license (filing again returns the open one).</summary>
    [Alias("File")]
    Task<LicenseRenewalRequest> FileAsync(string tenantId, string? licenseId, string note, string requestedBy, CancellationToken cancellationToken = default);

    /// <summary>The requests, newest first: one tenant's, or everyone's when <paramref name="tenantId"/> is null.</summary>
    [Alias("List")]
    Task<IReadOnlyList<LicenseRenewalRequest>> ListAsync(string? tenantId, RenewalRequestStatus? status, CancellationToken cancellationToken = default);

    /// <summary>Marks the open requests to renew <paramref name="licenseId"/> fulfilled by <paramref name="renewalId"/>.</summary>
    [Alias("Fulfill")]
    Task FulfillAsync(string tenantId, string licenseId, string renewalId, CancellationToken cancellationToken = default);

    /// <summary>Declines an open request, saying why.</summary>
    [Alias("Decline")]
    Task<LicenseRenewalRequest> DeclineAsync(long requestId, string reason, CancellationToken cancellationToken = default);
}
