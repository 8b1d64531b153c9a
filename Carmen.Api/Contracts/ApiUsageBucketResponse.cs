namespace Carmen.Api.Contracts;

/// <summary>
/// Calls of one bucket (a minute or a day) by one caller to one route group with one status class ("2xx"): how many,
/// their average and percentile latencies (the upper bound of the latency bucket the percentile falls in; null past
/// the last bound of 2 s), and bytes in and out.
/// </summary>
public sealed record ApiUsageBucketResponse(
    DateTimeOffset Start,
    string Principal,
    string? KeyId,
    string RouteGroup,
    string StatusClass,
    long Requests,
    double AverageMs,
    double? P50Ms,
    double? P95Ms,
    double? P99Ms,
    long BytesIn,
    long BytesOut);
