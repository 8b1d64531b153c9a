namespace Carmen.Api.Contracts;

/// <summary>
/// One caller of a cluster's resources over a period: reads and changes that succeeded, and the first and last hour
/// it called in. <see cref="KeyId"/> names the API key, for a service account's (or a user's personal) key.
/// </summary>
public sealed record ClusterAccessResponse(string Principal, string? KeyId, long Reads, long Changes, DateTimeOffset FirstHour, DateTimeOffset LastHour);
