namespace Carmen.Api.Contracts;

/// <summary>
/// <see cref="Mode"/> "managed": Carmen makes the key and the platform root certifies it; <see cref="CertificateLifetimeDays"/>
/// defaults to 30. "imported": the tenant's own CA, <see cref="Certificate"/> its certificate followed by its issuers up
/// to the root (PEM), <see cref="PrivateKey"/> its ECDSA key (PEM) if Carmen is to issue with it, and
/// <see cref="AutoRegistration"/> the cluster unknown devices with its certificates are registered in at first sign-in.
/// </summary>
public sealed record CreateCaRequest(string? Mode, int? CertificateLifetimeDays, string? Certificate, string? PrivateKey, CaAutoRegistrationContract? AutoRegistration);
