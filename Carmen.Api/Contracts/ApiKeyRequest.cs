namespace Carmen.Api.Contracts;

/// <summary>A key for a service account: a name to recognise it by, and when it stops working (never, if left out).</summary>
public sealed record ApiKeyRequest(string? Name, DateTimeOffset? ExpiresAt);
