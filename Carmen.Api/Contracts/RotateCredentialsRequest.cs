namespace Carmen.Api.Contracts;

/// <summary>Leave <see cref="AccessToken"/> out to have one generated.</summary>
public sealed record RotateCredentialsRequest(string? AccessToken);
