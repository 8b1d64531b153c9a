using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Devices;

/// <summary>
/// The device query index: a SQL table per deployment (the embedded store, or PostgreSQL in a cluster) that device
/// grains keep current, so listings over a million devices never touch the grains. This is the whole surface a
/// store must implement.
/// </summary>
public interface IDeviceIndex
{
    /// <summary>Inserts or replaces the device's row; completes once it is durable.</summary>
    Task UpsertAsync(DeviceIndexEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the device's row.</summary>
    Task RemoveAsync(DeviceKey device, CancellationToken cancellationToken = default);

    /// <summary>One page of a tenant's devices.</summary>
    Task<DevicePage> QueryAsync(string tenantId, DeviceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Devices of the tenant, optionally of one cluster, that are not decommissioned.</summary>
    Task<int> CountInServiceAsync(string tenantId, string? clusterId, CancellationToken cancellationToken = default);

    /// <summary>Ids of every device of the tenant that is decommissioned, for purging.</summary>
    Task<IReadOnlyList<string>> ListDecommissionedAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>How many of the tenant's devices each cluster has in each status.</summary>
    Task<IReadOnlyList<(string ClusterId, DeviceStatus Status, long Count)>> CountByClusterAndStatusAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's devices recorded as connected now.</summary>
    Task<IReadOnlyList<DeviceKey>> ListConnectedAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Those of the tenant's devices named that are recorded as connected now.</summary>
    Task<IReadOnlyList<string>> FilterConnectedAsync(string tenantId, IReadOnlyList<string> deviceIds, CancellationToken cancellationToken = default);

    /// <summary>Every silo some device is recorded as connected through.</summary>
    Task<IReadOnlyList<string>> ListGatewaysAsync(CancellationToken cancellationToken = default);

    /// <summary>The devices recorded as connected through a silo.</summary>
    Task<IReadOnlyList<DeviceKey>> ListConnectedViaAsync(string gateway, CancellationToken cancellationToken = default);

    /// <summary>The device whose MQTT basic credentials have this username, if any.</summary>
    Task<DeviceKey?> FindByMqttUsernameAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>The device whose MQTT basic credentials have this client id and no username, if any.</summary>
    Task<DeviceKey?> FindByMqttClientIdAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>How many of the tenant's devices have the distribution set installed or as their target.</summary>
    Task<long> CountReferencingDistributionSetAsync(string tenantId, long distributionSetId, CancellationToken cancellationToken = default);

    /// <summary>Records when the device's pending time-based alert comes due (null: none), for <see cref="ListAlertDueAsync"/>.</summary>
    Task SetAlertDueAsync(DeviceKey device, DateTimeOffset? due, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> devices whose recorded alert due time is before <paramref name="before"/>, earliest first.</summary>
    Task<IReadOnlyList<DeviceKey>> ListAlertDueAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    /// <summary>What the posture checks read of every device of the tenant not decommissioned, in one scan.</summary>
    Task<IReadOnlyList<DevicePostureRow>> ListPostureRowsAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The device holding an access token with this hash, if any.</summary>
    Task<DeviceKey?> FindByAccessTokenHashAsync(string accessTokenHash, CancellationToken cancellationToken = default);
}
