namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// A tenant's CA as it is shown: its certificate and chain (PEM), its validity and how it issues; <see cref="Issues"/>
/// is false for a CA imported without its key (the tenant's own PKI issues); <see cref="AutoRegistrationClusterId"/> is
/// where an imported CA's unknown devices are registered at their first sign-in.
/// </summary>
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
    [property: Id(8)] string KeyAlgorithm,
    [property: Id(9)] bool Issues = true,
    [property: Id(10)] string? AutoRegistrationClusterId = null);
