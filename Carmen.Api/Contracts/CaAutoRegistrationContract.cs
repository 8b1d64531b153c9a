namespace Carmen.Api.Contracts;

/// <summary>Where devices an imported CA vouches for are registered when they first sign in with its certificate.</summary>
public sealed record CaAutoRegistrationContract(string? ClusterId);
