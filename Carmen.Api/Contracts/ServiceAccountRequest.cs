namespace Carmen.Api.Contracts;

public sealed record ServiceAccountRequest(string? Name);
