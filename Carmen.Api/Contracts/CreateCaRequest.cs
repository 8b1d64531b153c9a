namespace Carmen.Api.Contracts;

/// <summary><see cref="Mode"/> "managed" (Carmen makes the key, the platform root certifies it); <see cref="CertificateLifetimeDays"/> defaults to 30.</summary>
public sealed record CreateCaRequest(string? Mode, int? CertificateLifetimeDays);
