namespace Carmen.Grains.Interfaces.Pki;

/// <summary>How a tenant's CA issues: the lifetime of its device certificates.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.CaSettings")]
public sealed record CaSettings([property: Id(0)] int CertificateLifetimeDays)
{
    /// <summary>Short-lived by default: a stolen certificate expires on its own within a month.</summary>
    public const int DefaultCertificateLifetimeDays = 30;

    /// <summary>The longest lifetime a tenant may choose (about two years).</summary>
    public const int MaxCertificateLifetimeDays = 825;
}
