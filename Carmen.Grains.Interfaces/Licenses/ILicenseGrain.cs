namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// One license of one tenant (key: <c>{tenantId}/{licenseId}</c>): its signed document, as verified by
/// <see cref="ITenantLicensesGrain"/>, and its history.
/// </summary>
[Alias("Carmen.ILicenseGrain")]
public interface ILicenseGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps a verified document. The same document again changes nothing; another one under the same id is a conflict.
    /// </summary>
    [Alias("Install")]
    Task<LicenseInfo> InstallAsync(SignedLicense document, LicenseTerms terms, string? actor, CancellationToken cancellationToken = default);

    /// <summary>The license, or null when none was installed under this key.</summary>
    [Alias("Find")]
    Task<LicenseInfo?> FindAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="renewal"/> renews this license, and from when it gives way to it.</summary>
    [Alias("RenewedBy")]
    Task RenewedByAsync(LicenseTerms renewal, string? actor, CancellationToken cancellationToken = default);

    /// <summary>Forgets the license, with its tenant.</summary>
    [Alias("Erase")]
    Task EraseAsync(CancellationToken cancellationToken = default);

    /// <summary>The signed document as installed.</summary>
    [Alias("GetDocument")]
    Task<SignedLicense> GetDocumentAsync(CancellationToken cancellationToken = default);
}
