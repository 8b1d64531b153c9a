namespace Carmen.Grains.Interfaces.Pki;

/// <summary>A certificate a tenant's CA issued to one of its devices, and its revocation if it was revoked.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceCertificate")]
public sealed record DeviceCertificate(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] string SerialNumber,
    [property: Id(3)] string Subject,
    [property: Id(4)] string Sha256Fingerprint,
    [property: Id(5)] DateTimeOffset NotBefore,
    [property: Id(6)] DateTimeOffset NotAfter,
    [property: Id(7)] string CertificatePem,
    [property: Id(8)] string KeyAlgorithm)
{
    /// <summary>When it was revoked; null while it is not.</summary>
    [Id(9)] public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Why (RFC 5280), once revoked.</summary>
    [Id(10)] public CertificateRevocationReason? RevocationReason { get; init; }

    /// <summary>Who revoked it.</summary>
    [Id(11)] public string? RevokedBy { get; init; }
}
