using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// A tenant's licenses (key: the tenant id): verifies a document's signature against the keys the platform trusts,
/// installs it, and hands the terms of every license to the tenant grain, which enforces them.
/// </summary>
[Alias("Carmen.ITenantLicensesGrain")]
public interface ITenantLicensesGrain : ITenantRecordGrain
{
    /// <summary>
    /// Verifies and installs a license document. A tampered document, one signed by a key the platform does not
    /// trust, or one issued to another tenant is refused with the field at fault.
    /// </summary>
    [Alias("Import")]
    Task<LicenseInfo> ImportAsync(SignedLicense document, string? actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Announces the warning stages due now (each once) and reports expiry to the platform's health alerts; false when
    /// the tenant holds no license any more, so it need not be checked again.
    /// </summary>
    [Alias("CheckWarnings")]
    Task<bool> CheckWarningsAsync(CancellationToken cancellationToken = default);

    /// <summary>Unused seats, idle devices (never seen, or silent for <paramref name="silentDays"/>) and business units' shares against their use.</summary>
    [Alias("GetUsageReport")]
    Task<LicenseUsageReport> GetUsageReportAsync(int silentDays, CancellationToken cancellationToken = default);

    /// <summary>The daily snapshots of use from <paramref name="first"/> to <paramref name="last"/> (inclusive), oldest first; kept 400 days.</summary>
    [Alias("GetUsageHistory")]
    Task<IReadOnlyList<LicenseUsageDay>> GetUsageHistoryAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default);

    /// <summary>Every license the tenant holds, by valid-from.</summary>
    [Alias("List")]
    Task<IReadOnlyList<LicenseInfo>> ListAsync(CancellationToken cancellationToken = default);
}
