namespace Carmen.Api.Contracts;

/// <summary>
/// How one integration (a service account's key) fares over the last 24 hours: calls, the share that failed (4xx, 5xx),
/// the 95th percentile latency, the last hour against the day's hourly average (<see cref="VolumeChange"/>: "spike",
/// "drop" or null), whether it went unused for the period asked, and its latest failures with their problem details.
/// </summary>
public sealed record KeyHealthResponse(
    string KeyId,
    string Name,
    string ServiceAccountId,
    DateTimeOffset? LastUsedAt,
    bool Unused,
    long Requests24h,
    double ClientErrorRate,
    double ServerErrorRate,
    double? P95Ms,
    long RequestsLastHour,
    double HourlyAverage,
    string? VolumeChange,
    IReadOnlyList<KeyErrorResponse> RecentErrors);
