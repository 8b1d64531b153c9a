using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Usage;

namespace Carmen.Api.Usage;

/// <summary>
/// Counts this node's successful calls that named a cluster's resource, per hour, cluster and caller, in memory;
/// <see cref="ApiUsageFlusher"/> hands them to the store with the usage counts.
/// </summary>
public sealed class ClusterAccessRecorder(TimeProvider time)
{
    private ConcurrentDictionary<AccessKey, AccessCounts> _counts = new();

    public void Record(string tenantId, string clusterId, string principal, string keyId, bool change)
    {
        DateTimeOffset now = time.GetUtcNow();
        var key = new AccessKey(tenantId, clusterId, new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero), principal, keyId);
        _counts.GetOrAdd(key, _ => new AccessCounts()).Add(change);
    }

    /// <summary>What was counted since the last call, as samples; counting goes on in a fresh table.</summary>
    public IReadOnlyList<ClusterAccessSample> Take()
    {
        ConcurrentDictionary<AccessKey, AccessCounts> taken = Interlocked.Exchange(ref _counts, new ConcurrentDictionary<AccessKey, AccessCounts>());
        return [.. taken.Select(entry => new ClusterAccessSample(
            entry.Key.TenantId, entry.Key.ClusterId, entry.Key.Hour, entry.Key.Principal, entry.Key.KeyId, entry.Value.Reads, entry.Value.Changes))];
    }

    private readonly record struct AccessKey(string TenantId, string ClusterId, DateTimeOffset Hour, string Principal, string KeyId);

    private sealed class AccessCounts
    {
        private long _reads;
        private long _changes;

        public long Reads => Interlocked.Read(ref _reads);

        public long Changes => Interlocked.Read(ref _changes);

        public void Add(bool change)
        {
            if (change)
            {
                Interlocked.Increment(ref _changes);
            }
            else
            {
                Interlocked.Increment(ref _reads);
            }
        }
    }
}
