using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Grains.Pki;

/// <summary>A tenant's CA: key (PKCS#8), certificate (DER), how it issues, and its revocation list. Kept in the encrypted store.</summary>
[GenerateSerializer, Alias("Carmen.TenantCaState")]
public sealed class TenantCaState
{
    [Id(0)] public byte[]? PrivateKey { get; set; }

    [Id(1)] public byte[]? Certificate { get; set; }

    [Id(2)] public int CertificateLifetimeDays { get; set; }

    /// <summary>Revoked certificates not yet expired, by serial number.</summary>
    [Id(3)] public Dictionary<string, RevokedCertificate> Revoked { get; set; } = [];

    /// <summary>The number of the last CRL signed (RFC 5280 cRLNumber: only ever grows).</summary>
    [Id(4)] public long CrlNumber { get; set; }

    [Id(5)] public byte[]? Crl { get; set; }

    [Id(6)] public DateTimeOffset CrlThisUpdate { get; set; }

    [Id(7)] public DateTimeOffset CrlNextUpdate { get; set; }

    /// <summary>Where Carmen was reached when the CA was made: its certificates name the CRL and OCSP addresses under it.</summary>
    [Id(8)] public string? PublicUrl { get; set; }
}
