using Carmen.Grains.Interfaces.RateLimits;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Grains.RateLimits;

/// <summary>
/// The cluster's one bucket for a key, user or tenant (Orleans keeps a single activation): exact by construction, as
/// nothing is handed out that is not in it. Nodes take calls in leases (<c>ClusterRateLimiter</c>), so the bucket is
/// asked about once per lease, not once per call. No awaits, so calls run one after another without interleaving.
/// </summary>
[GrainType("rate-limit-bucket")]
public sealed class RateLimitBucketGrain([FromKeyedServices(RateLimitClock.Key)] TimeProvider time) : Grain, IRateLimitBucketGrain
{
    private double _tokens = double.NaN; // full at the first call
    private DateTimeOffset _filledAt;

    public Task<RateGrant> TakeAsync(RateLimit limit, int wanted)
    {
        DateTimeOffset now = time.GetUtcNow();
        _tokens = double.IsNaN(_tokens)
            ? limit.Burst
            : Math.Min(limit.Burst, _tokens + (Math.Max(0, (now - _filledAt).TotalSeconds) * limit.RequestsPerSecond));
        _filledAt = now;
        int granted = (int)Math.Min(Math.Max(0, wanted), Math.Floor(_tokens));
        _tokens -= granted;
        TimeSpan retryAfter = granted > 0 ? TimeSpan.Zero : SecondsFor(1 - _tokens, limit);
        return Task.FromResult(new RateGrant(granted, (int)Math.Floor(_tokens), retryAfter, SecondsFor(limit.Burst - _tokens, limit)));
    }

    private static TimeSpan SecondsFor(double tokens, RateLimit limit) => TimeSpan.FromSeconds(Math.Max(0, tokens) / limit.RequestsPerSecond);
}
