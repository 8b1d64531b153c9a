namespace Carmen.Grains.Interfaces.RateLimits;

/// <summary>
/// One token bucket for the whole cluster, keyed by what it limits ("acme/key/ab12cd34", "acme/tenant/devices"):
/// every node takes its calls from it, so a limit holds however the calls are spread. In memory: a restart or a moved
/// activation starts it full.
/// </summary>
[Alias("Carmen.IRateLimitBucketGrain")]
public interface IRateLimitBucketGrain : IGrainWithStringKey
{
    /// <summary>Takes up to <paramref name="wanted"/> calls under <paramref name="limit"/> (a changed limit applies from this call on).</summary>
    [Alias("Take")]
    Task<RateGrant> TakeAsync(RateLimit limit, int wanted);
}
