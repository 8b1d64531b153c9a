namespace Carmen.Grains.Interfaces.RateLimits;

/// <summary>The clock buckets fill by, on the silos and on every node that leases from them.</summary>
public static class RateLimitClock
{
    /// <summary>The key of that clock among keyed services: the system clock, unless a test moves it.</summary>
    public const string Key = "rate-limits";
}
