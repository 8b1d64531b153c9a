namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// The platform's license key (Ed25519, kept in the encrypted storage for secrets): signs the licenses a platform
/// operator issues and lists the public keys that verify them, offline too.
/// </summary>
[Alias("Carmen.ILicenseIssuerGrain")]
public interface ILicenseIssuerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Signs <paramref name="terms"/> (validated first; issuer and issue time set here) with the platform's key, made on
    /// first use.
    /// </summary>
    [Alias("Sign")]
    Task<SignedLicense> SignAsync(LicenseTerms terms, CancellationToken cancellationToken = default);

    /// <summary>The platform's license keys, the active one first.</summary>
    [Alias("GetKeys")]
    Task<IReadOnlyList<LicenseSigningKey>> GetKeysAsync(CancellationToken cancellationToken = default);
}
