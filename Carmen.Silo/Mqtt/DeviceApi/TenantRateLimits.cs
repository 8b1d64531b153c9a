using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Tenants;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// Message and data-point rates per device and per tenant. A tenant's limits are read from its grain when its devices
/// connect and cached for a short while. Tenant-wide limits are shared out between the active silos (each enforces
/// its share on the connections it holds), so the cluster as a whole stays near the limit when connections are spread
/// evenly.
/// </summary>
internal sealed class TenantRateLimits(IGrainFactory grains, IClusterMembershipService membership, TenantMeters meters, IOptions<MqttOptions> options, TimeProvider time)
{
    private static readonly TimeSpan s_cacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Entry> _tenants = new();

    /// <summary>The buckets for a device that is connecting now.</summary>
    public async Task<DeviceRates> ForDeviceAsync(string tenantId, CancellationToken cancellationToken)
    {
        Entry tenant = await TenantAsync(tenantId, cancellationToken);
        TenantLimits limits = tenant.Limits;
        return new DeviceRates(
            new RateBucket(limits.DeviceMessagesPerSecond ?? options.Value.DeviceMessagesPerSecond, time),
            new RateBucket(limits.DevicePointsPerSecond ?? options.Value.DevicePointsPerSecond, time),
            tenant,
            meters.For(tenantId));
    }

    private async Task<Entry> TenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (_tenants.TryGetValue(tenantId, out Entry? cached) && time.GetUtcNow() - cached.ReadAt < s_cacheFor)
        {
            return cached;
        }

        TenantLimits limits = (await grains.GetGrain<ITenantGrain>(tenantId).GetAsync(cancellationToken)).Limits;
        int silos = Math.Max(1, membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active));
        var entry = new Entry(
            limits, time.GetUtcNow(),
            limits.MessagesPerSecond is int messages ? new RateBucket(Math.Max(1.0, (double)messages / silos), time) : null,
            limits.PointsPerSecond is int points ? new RateBucket(Math.Max(1.0, (double)points / silos), time) : null);

        // Keep the live buckets when the limits did not change, so a refresh does not hand out a fresh burst.
        return _tenants.AddOrUpdate(tenantId, entry, (_, old) => old.Limits == limits ? old with { ReadAt = entry.ReadAt } : entry);
    }

    internal sealed record Entry(TenantLimits Limits, DateTimeOffset ReadAt, RateBucket? Messages, RateBucket? Points);
}
