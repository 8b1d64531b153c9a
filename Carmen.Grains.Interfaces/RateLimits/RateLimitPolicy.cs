namespace Carmen.Grains.Interfaces.RateLimits;

/// <summary>
/// The limits on a tenant's callers: each API key, each user (whether signed in or with a personal key), and the
/// tenant's callers all together. A limit left out (null) does not apply.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RateLimitPolicy")]
public sealed record RateLimitPolicy(
    [property: Id(0)] RateLimit? PerKey,
    [property: Id(1)] RateLimit? PerUser,
    [property: Id(2)] RateLimit? PerTenant)
{
    /// <summary>No limit at all.</summary>
    public static RateLimitPolicy None { get; } = new(null, null, null);

    /// <summary>Whether any limit is set.</summary>
    public bool Any => PerKey is not null || PerUser is not null || PerTenant is not null;

    /// <summary>Both sets in force at once: each limit the stricter of the two.</summary>
    public static RateLimitPolicy Stricter(RateLimitPolicy first, RateLimitPolicy second) => new(
        RateLimit.Stricter(first.PerKey, second.PerKey),
        RateLimit.Stricter(first.PerUser, second.PerUser),
        RateLimit.Stricter(first.PerTenant, second.PerTenant));
}
