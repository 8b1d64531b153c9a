namespace Carmen.Grains.Interfaces.RateLimits;

/// <summary>
/// What a bucket gave: <see cref="Granted"/> calls (none when empty), the whole calls left in it, how long until it
/// holds one again (<see cref="RetryAfter"/>, zero unless none were granted) and until it is full again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RateGrant")]
public sealed record RateGrant(
    [property: Id(0)] int Granted,
    [property: Id(1)] int Remaining,
    [property: Id(2)] TimeSpan RetryAfter,
    [property: Id(3)] TimeSpan FullIn);
