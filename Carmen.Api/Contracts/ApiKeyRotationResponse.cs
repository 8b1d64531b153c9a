namespace Carmen.Api.Contracts;

/// <summary>The new key (its secret shown once, here) and the old one, now expiring at the overlap's end.</summary>
public sealed record ApiKeyRotationResponse(ApiKeyResponse Key, ApiKeyResponse Previous);
