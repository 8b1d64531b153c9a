using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Api.RateLimits;

/// <summary>
/// This node's side of the cluster's buckets (<see cref="IRateLimitBucketGrain"/>): calls are taken from a lease of a
/// tenth of a second's worth (at least one, at most a quarter of the burst), and the bucket is asked again only when
/// the lease is spent or a second old; a refusal is kept until the bucket said it would hold a call again. Concurrent
/// callers share one request for a lease. The bucket never hands out more than it holds, so the calls let in across
/// all nodes never exceed the limit; what a node leased and did not use (at most one lease per node) is the error
/// on the other side.
/// </summary>
public sealed class ClusterRateLimiter(IGrainFactory grains, [FromKeyedServices(RateLimitClock.Key)] TimeProvider time)
{
    /// <summary>How long leased calls stay usable: past it they go unused, so a node idle for a while cannot add them to a full bucket.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(1);

    private const double LeaseSeconds = 0.1;
    private const int Attempts = 3;
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, LeasedBucket> _buckets = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    /// <summary>Takes one call from bucket <paramref name="bucketId"/> under <paramref name="limit"/>.</summary>
    public async ValueTask<RateDecision> TakeAsync(string bucketId, RateLimit limit)
    {
        SweepIfDue();
        LeasedBucket bucket = _buckets.GetOrAdd(bucketId, static _ => new LeasedBucket());
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            Task refill;
            lock (bucket)
            {
                if (bucket.TryTake(time.GetUtcNow(), out RateDecision decision))
                {
                    return decision;
                }

                refill = bucket.Refill ??= RefillAsync(bucket, bucketId, limit);
            }

            await refill;
        }

        // Others took each lease this caller waited for: the bucket is as good as empty.
        lock (bucket)
        {
            return new RateDecision(false, 0, TimeSpan.FromSeconds(1 / limit.RequestsPerSecond), bucket.FullIn);
        }
    }

    /// <summary>The calls asked of the bucket at once.</summary>
    public static int LeaseSize(RateLimit limit) => Math.Clamp((int)(limit.RequestsPerSecond * LeaseSeconds), 1, Math.Max(1, limit.Burst / 4));

    private async Task RefillAsync(LeasedBucket bucket, string bucketId, RateLimit limit)
    {
        await Task.Yield(); // started under the bucket's lock: the rest runs outside it
        try
        {
            RateGrant grant = await grains.GetGrain<IRateLimitBucketGrain>(bucketId).TakeAsync(limit, LeaseSize(limit));
            lock (bucket)
            {
                bucket.Leased(grant, time.GetUtcNow());
            }
        }
        finally
        {
            lock (bucket)
            {
                bucket.Refill = null;
            }
        }
    }

    /// <summary>Forgets buckets unused for a minute, so a node does not keep one for every key it ever saw.</summary>
    private void SweepIfDue()
    {
        DateTimeOffset now = time.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + s_sweepEvery;
        foreach ((string id, LeasedBucket bucket) in _buckets)
        {
            if (now - bucket.UsedAt > s_sweepEvery)
            {
                _buckets.TryRemove(id, out _);
            }
        }
    }

    /// <summary>One bucket as this node holds it; guarded by locking it.</summary>
    private sealed class LeasedBucket
    {
        private int _tokens;
        private DateTimeOffset _leaseEnds;
        private DateTimeOffset _refusedUntil;
        private int _bucketRemaining;

        public Task? Refill { get; set; }

        public DateTimeOffset UsedAt { get; private set; }

        public TimeSpan FullIn { get; private set; }

        public bool TryTake(DateTimeOffset now, out RateDecision decision)
        {
            UsedAt = now;
            if (now < _refusedUntil)
            {
                decision = new RateDecision(false, 0, _refusedUntil - now, FullIn);
                return true;
            }

            if (_tokens > 0 && now < _leaseEnds)
            {
                _tokens--;
                decision = new RateDecision(true, _tokens + _bucketRemaining, TimeSpan.Zero, FullIn);
                return true;
            }

            decision = default;
            return false;
        }

        public void Leased(RateGrant grant, DateTimeOffset now)
        {
            (_tokens, _leaseEnds, _bucketRemaining, FullIn) = (grant.Granted, now + LeaseTime, grant.Remaining, grant.FullIn);
            _refusedUntil = grant.Granted > 0 ? default : now + grant.RetryAfter;
        }
    }
}
