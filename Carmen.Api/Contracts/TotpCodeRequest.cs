namespace Carmen.Api.Contracts;

/// <summary>The current 6-digit code of the authenticator app.</summary>
public sealed record TotpCodeRequest(string? Code);
