using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Api.Contracts;

/// <summary>A tenant's device CA: its certificate, the chain up to the platform root (PEM), and where its revocation list is published.</summary>
public sealed record CaResponse(
    string TenantId,
    string Mode,
    string Subject,
    string KeyAlgorithm,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    int CertificateLifetimeDays,
    string Certificate,
    string Chain,
    string CrlUrl)
{
    public static CaResponse From(CaInfo ca, string baseUrl) => new(
        ca.TenantId, ca.Mode, ca.Subject, ca.KeyAlgorithm, ca.NotBefore, ca.NotAfter, ca.CertificateLifetimeDays,
        ca.CertificatePem, ca.ChainPem, $"{baseUrl}/pki/{ca.TenantId}/crl");
}
