using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Grains.Pki;

/// <summary>A tenant's CA: key (PKCS#8; none for an imported CA without one), certificate (DER), how it issues, and its revocation list. Kept in the encrypted store.</summary>
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

    /// <summary>"managed" (Carmen made the key; null in records older than imports) or "imported" (the tenant's own CA).</summary>
    [Id(9)] public string? Mode { get; set; }

    /// <summary>An imported CA's issuers up to its root (DER, nearest first); empty for a managed CA, certified by the platform root.</summary>
    [Id(10)] public List<byte[]> Chain { get; set; } = [];

    /// <summary>Where devices an imported CA vouches for are registered when they first sign in; null: not registered.</summary>
    [Id(11)] public string? AutoRegistrationClusterId { get; set; }
}
