using System.Collections.Concurrent;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Usage;

/// <summary>
/// The cluster a call's resource belongs to, for the cluster access rollup: the cluster the route names, the cluster
/// of the device it names (as the tenant gate found it, else from this node's memory of devices' clusters, at most
/// <see cref="Kept"/> old), or the cluster a listing was filtered to; none for calls about the tenant as a whole.
/// </summary>
public sealed class ResourceClusters(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a device's cluster is used before it is read again: a device moved is counted at its old cluster that long.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(1);

    private const string ItemKey = "carmen.resource.cluster";
    private const int MaxKept = 100_000;

    private readonly ConcurrentDictionary<DeviceKey, (string? ClusterId, DateTimeOffset ReadAt)> _devices = new();

    /// <summary>The tenant gate read the device already: its cluster, so it is not read again.</summary>
    public static void Found(HttpContext http, string clusterId) => http.Items[ItemKey] = clusterId;

    public async ValueTask<string?> OfAsync(HttpContext http, string tenantId)
    {
        if (http.Items.TryGetValue(ItemKey, out object? found) && found is string known)
        {
            return known;
        }

        if (http.GetRouteValue("clusterId") is string clusterId)
        {
            return clusterId;
        }

        if (http.GetRouteValue("deviceId") is string deviceId)
        {
            return Identifiers.IsValidDeviceId(deviceId) ? await DeviceClusterAsync(new DeviceKey(tenantId, deviceId)) : null;
        }

        return http.Request.Query["clusterId"] is [string filtered] && filtered.Length > 0 ? filtered : null;
    }

    private async ValueTask<string?> DeviceClusterAsync(DeviceKey device)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_devices.TryGetValue(device, out var kept) && now - kept.ReadAt < Kept)
        {
            return kept.ClusterId;
        }

        string? clusterId;
        try
        {
            clusterId = (await grains.GetGrain<IDeviceGrain>(device.ToString()).GetAsync()).ClusterId;
        }
        catch (CarmenException gone) when (gone.Kind == ErrorKind.NotFound)
        {
            clusterId = null; // deleted by this very call, or never there
        }

        if (_devices.Count >= MaxKept)
        {
            _devices.Clear(); // a bound on memory; what is still in use comes back at once
        }

        _devices[device] = (clusterId, now);
        return clusterId;
    }
}
