namespace Carmen.Grains.Interfaces.Usage;

/// <summary>
/// Calls of one minute by one caller (a user, or a key: <see cref="KeyId"/>) to one route group with one status class,
/// as a node counted them: how many, their total duration, how many fell in each latency bucket
/// (<see cref="ApiLatencyBuckets"/>), and the bytes in and out.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ApiUsageSample")]
public sealed record ApiUsageSample(
    [property: Id(0)] string TenantId,
    [property: Id(1)] DateTimeOffset Minute,
    [property: Id(2)] string Principal,
    [property: Id(3)] string KeyId,
    [property: Id(4)] string RouteGroup,
    [property: Id(5)] int StatusClass,
    [property: Id(6)] long Requests,
    [property: Id(7)] double DurationMs,
    [property: Id(8)] long[] Latency,
    [property: Id(9)] long BytesIn,
    [property: Id(10)] long BytesOut);
