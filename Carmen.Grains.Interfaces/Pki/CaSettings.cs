namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// How a tenant's CA issues: the lifetime of its device certificates, and the address Carmen is reached at (from
/// which its certificates point to the tenant's CRL and OCSP responder); null: they carry no such pointers.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.CaSettings")]
public sealed record CaSettings([property: Id(0)] int CertificateLifetimeDays, [property: Id(1)] string? PublicUrl = null)
{
    /// <summary>Short-lived by default: a stolen certificate expires on its own within a month.</summary>
    public const int DefaultCertificateLifetimeDays = 30;

    /// <summary>The longest lifetime a tenant may choose (about two years).</summary>
    public const int MaxCertificateLifetimeDays = 825;
}
