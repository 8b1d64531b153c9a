using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Usage;

namespace Carmen.Api.Usage;

/// <summary>
/// Counts this node's calls per minute, caller, route group and status class in memory (a few adds per call, no I/O);
/// <see cref="ApiUsageFlusher"/> hands the counts to the store every few seconds, where they add up with other nodes'.
/// </summary>
public sealed class ApiUsageRecorder(TimeProvider time)
{
    private ConcurrentDictionary<UsageKey, UsageCounts> _counts = new();

    public void Record(string tenantId, string principal, string keyId, string routeGroup, int status, double milliseconds, long bytesIn, long bytesOut)
    {
        DateTimeOffset now = time.GetUtcNow();
        var key = new UsageKey(tenantId, new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero), principal, keyId, routeGroup, status / 100);
        _counts.GetOrAdd(key, _ => new UsageCounts()).Add(milliseconds, bytesIn, bytesOut);
    }

    /// <summary>What was counted since the last call, as samples; counting goes on in a fresh table.</summary>
    public IReadOnlyList<ApiUsageSample> Take()
    {
        ConcurrentDictionary<UsageKey, UsageCounts> taken = Interlocked.Exchange(ref _counts, new ConcurrentDictionary<UsageKey, UsageCounts>());
        return [.. taken.Select(entry => entry.Value.ToSample(entry.Key))];
    }

    private readonly record struct UsageKey(string TenantId, DateTimeOffset Minute, string Principal, string KeyId, string RouteGroup, int StatusClass);

    private sealed class UsageCounts
    {
        private readonly long[] _latency = new long[ApiLatencyBuckets.Count];
        private long _requests;
        private long _microseconds;
        private long _bytesIn;
        private long _bytesOut;

        public void Add(double milliseconds, long bytesIn, long bytesOut)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _microseconds, (long)(milliseconds * 1000));
            Interlocked.Increment(ref _latency[ApiLatencyBuckets.Of(milliseconds)]);
            Interlocked.Add(ref _bytesIn, bytesIn);
            Interlocked.Add(ref _bytesOut, bytesOut);
        }

        public ApiUsageSample ToSample(UsageKey key) => new(
            key.TenantId, key.Minute, key.Principal, key.KeyId, key.RouteGroup, key.StatusClass,
            Interlocked.Read(ref _requests), Interlocked.Read(ref _microseconds) / 1000.0, [.. _latency], Interlocked.Read(ref _bytesIn), Interlocked.Read(ref _bytesOut));
    }
}
