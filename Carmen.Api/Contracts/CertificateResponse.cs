using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Api.Contracts;

/// <summary>
/// A device certificate: <see cref="Status"/> is "valid", "expired" or "revoked"; <see cref="Chain"/> (the issuing CA
/// and the platform root, PEM) is given with a certificate just issued.
/// </summary>
public sealed record CertificateResponse(
    string SerialNumber,
    string DeviceId,
    string Subject,
    string KeyAlgorithm,
    string Sha256Fingerprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Status,
    DateTimeOffset? RevokedAt,
    CertificateRevocationReason? RevocationReason,
    string? RevokedBy,
    string Certificate,
    string? Chain)
{
    public static CertificateResponse From(DeviceCertificate certificate, DateTimeOffset now, string? chain = null) => new(
        certificate.SerialNumber, certificate.DeviceId, certificate.Subject, certificate.KeyAlgorithm, certificate.Sha256Fingerprint,
        certificate.NotBefore, certificate.NotAfter,
        certificate.RevokedAt is not null ? "revoked" : certificate.NotAfter <= now ? "expired" : "valid",
        certificate.RevokedAt, certificate.RevocationReason, certificate.RevokedBy, certificate.CertificatePem, chain);
}
