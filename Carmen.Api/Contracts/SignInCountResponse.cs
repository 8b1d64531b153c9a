namespace Carmen.Api.Contracts;

/// <summary>Sign-ins that succeeded and failed for one user, address or hour.</summary>
public sealed record SignInCountResponse(string Key, int Succeeded, int Failed);
