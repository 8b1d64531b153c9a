using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Api.Contracts;

/// <summary>The RFC 5280 reason; "unspecified" when left out.</summary>
public sealed record RevokeCertificateRequest(CertificateRevocationReason? Reason);
