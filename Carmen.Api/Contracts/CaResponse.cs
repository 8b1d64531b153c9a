using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Api.Contracts;

/// <summary>
/// A tenant's device CA: its certificate, the chain up to its root (PEM), where its revocation list is published,
/// whether Carmen issues with it (false for an imported CA without its key) and where an imported CA's new devices go.
/// </summary>
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
    string CrlUrl,
    bool Issues,
    string? AutoRegistrationClusterId)
{
    public static CaResponse From(CaInfo ca, string baseUrl) => new(
        ca.TenantId, ca.Mode, ca.Subject, ca.KeyAlgorithm, ca.NotBefore, ca.NotAfter, ca.CertificateLifetimeDays,
        ca.CertificatePem, ca.ChainPem, $"{baseUrl}/pki/{ca.TenantId}/crl", ca.Issues, ca.AutoRegistrationClusterId);
}
