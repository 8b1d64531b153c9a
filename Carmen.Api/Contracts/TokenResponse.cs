namespace Carmen.Api.Contracts;

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");
