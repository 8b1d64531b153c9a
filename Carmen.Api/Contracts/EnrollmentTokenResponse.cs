namespace Carmen.Api.Contracts;

/// <summary>A one-time enrollment token, shown once: the device sends it with its CSR.</summary>
public sealed record EnrollmentTokenResponse(string Token, DateTimeOffset ExpiresAt);
