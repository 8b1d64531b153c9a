namespace Carmen.Api.Contracts;

/// <summary>A tenant's API usage over a period: the totals by status class, and the rollups they come from.</summary>
public sealed record ApiUsageResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string Granularity,
    long Requests,
    IReadOnlyDictionary<string, long> ByStatusClass,
    double? P95Ms,
    long BytesIn,
    long BytesOut,
    IReadOnlyList<ApiUsageBucketResponse> Buckets);
