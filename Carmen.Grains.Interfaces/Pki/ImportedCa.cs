namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// A tenant's own CA, brought to Carmen (bring-your-own PKI): its certificate followed by the chain up to its root
/// (PEM), its private key when Carmen is to issue and sign revocation lists with it (PEM; null: the tenant's PKI
/// issues, Carmen only checks), and the cluster devices it has never seen are registered in when they first sign in
/// with a certificate of this CA (null: such devices are refused).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ImportedCa")]
public sealed record ImportedCa(
    [property: Id(0)] string CertificatePem,
    [property: Id(1)] string? PrivateKeyPem,
    [property: Id(2)] string? AutoRegistrationClusterId);
