namespace Carmen.Grains.Interfaces.Pki;

/// <summary>One issued device certificate (keyed by <see cref="CertificateKeys.Of"/>): its record and its revocation.</summary>
[Alias("Carmen.Certificate")]
public interface ICertificateGrain : IGrainWithStringKey
{
    /// <summary>Keeps the record of a certificate just issued.</summary>
    [Alias("Record")]
    Task RecordAsync(DeviceCertificate certificate, CancellationToken cancellationToken = default);

    /// <summary>The certificate's record, or null when no such certificate was issued.</summary>
    [Alias("Get")]
    Task<DeviceCertificate?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes the certificate (idempotent: a second revocation keeps the first one's time and reason) and puts it on the CA's list.</summary>
    [Alias("Revoke")]
    Task<DeviceCertificate> RevokeAsync(CertificateRevocationReason reason, string revokedBy, CancellationToken cancellationToken = default);
}
