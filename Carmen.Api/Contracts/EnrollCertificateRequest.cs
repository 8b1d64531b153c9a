namespace Carmen.Api.Contracts;

/// <summary>
/// A PKCS#10 CSR in PEM. A device asking itself, without an API session, proves who it is with a one-time
/// <see cref="EnrollmentToken"/> or with its current <see cref="AccessToken"/>.
/// </summary>
public sealed record EnrollCertificateRequest(string? Csr, string? EnrollmentToken, string? AccessToken = null);
