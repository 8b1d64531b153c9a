namespace Carmen.Api.Contracts;

/// <summary>
/// A rotation: the old key keeps working for <see cref="OverlapHours"/> (default 24, 0 to 720) while clients move to the
/// new one, which expires at <see cref="ExpiresAt"/> (never, if left out).
/// </summary>
public sealed record RotateApiKeyRequest(int? OverlapHours, DateTimeOffset? ExpiresAt);
