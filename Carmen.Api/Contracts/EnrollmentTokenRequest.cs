namespace Carmen.Api.Contracts;

/// <summary><see cref="ExpiresInHours"/> defaults to 24.</summary>
public sealed record EnrollmentTokenRequest(int? ExpiresInHours);
