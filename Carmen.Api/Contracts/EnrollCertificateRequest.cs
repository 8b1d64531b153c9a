namespace Carmen.Api.Contracts;

/// <summary>A PKCS#10 CSR in PEM; <see cref="EnrollmentToken"/> when the device asks itself, without an API session.</summary>
public sealed record EnrollCertificateRequest(string? Csr, string? EnrollmentToken);
