namespace Carmen.Grains.Interfaces.Pki;

/// <summary>An entry of a CA's revocation list: kept until the certificate would have expired anyway.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RevokedCertificate")]
public sealed record RevokedCertificate(
    [property: Id(0)] string SerialNumber,
    [property: Id(1)] DateTimeOffset RevokedAt,
    [property: Id(2)] CertificateRevocationReason Reason,
    [property: Id(3)] DateTimeOffset NotAfter);
