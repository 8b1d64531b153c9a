using System.Diagnostics.Metrics;
using Carmen.Grains.Diagnostics;

namespace Carmen.Grains.Pki;

/// <summary>The device PKI's counters.</summary>
internal static class CertificateMetrics
{
    public static readonly Counter<long> Issued =
        CarmenDiagnostics.Meter.CreateCounter<long>("carmen.pki.certificates.issued", "{certificate}", "Device certificates issued by the tenants' CAs.");

    public static readonly Counter<long> OcspResponses =
        CarmenDiagnostics.Meter.CreateCounter<long>("carmen.pki.ocsp.responses", "{response}", "OCSP responses signed by the tenants' CAs.");

    public static readonly Counter<long> Revoked =
        CarmenDiagnostics.Meter.CreateCounter<long>("carmen.pki.certificates.revoked", "{certificate}", "Device certificates revoked.");
}
