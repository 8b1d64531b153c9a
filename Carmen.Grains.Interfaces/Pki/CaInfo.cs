namespace Carmen.Grains.Interfaces.Pki;

/// <summary>A tenant's CA as it is shown: its certificate and chain (PEM), its validity and how it issues.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.CaInfo")]
public sealed record CaInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Mode,
    [property: Id(2)] string Subject,
    [property: Id(3)] string CertificatePem,
    [property: Id(4)] string ChainPem,
    [property: Id(5)] DateTimeOffset NotBefore,
    [property: Id(6)] DateTimeOffset NotAfter,
    [property: Id(7)] int CertificateLifetimeDays,
    [property: Id(8)] string KeyAlgorithm);
