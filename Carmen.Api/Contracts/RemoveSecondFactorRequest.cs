namespace Carmen.Api.Contracts;

/// <summary>Removing one's own second factor takes the password.</summary>
public sealed record RemoveSecondFactorRequest(string? Password);
