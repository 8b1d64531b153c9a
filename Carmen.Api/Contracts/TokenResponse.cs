namespace Carmen.Api.Contracts;

/// <summary>
/// A bearer token. <see cref="SecondFactorEnrollmentRequired"/> marks a token that only enrols a second factor: the
/// tenant requires one of this user, who has none yet (POST /api/v1/auth/totp/enroll, then /confirm).
/// </summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer", bool? SecondFactorEnrollmentRequired = null);
