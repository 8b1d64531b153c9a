using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// Which targets a rollout, or one of its groups, takes: every given criterion must hold. Devices are chosen by
/// cluster (a business unit arrives as its clusters), labels, type and <see cref="FirmwareVersion"/>, the version the
/// device runs now; tenants (application rollouts) by <see cref="TenantIds"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TargetFilter")]
public sealed record TargetFilter(
    [property: Id(0)] IReadOnlyList<string>? ClusterIds = null,
    [property: Id(1)] IReadOnlyList<string>? Labels = null,
    [property: Id(2)] string? Type = null,
    [property: Id(3)] string? FirmwareVersion = null,
    [property: Id(4)] IReadOnlyList<string>? TenantIds = null)
{
    /// <summary>The index query selecting the same devices (one page of them).</summary>
    public DeviceQuery ToQuery(string? continuationToken) =>
        new(ClusterIds, null, Labels, Type, FirmwareVersion, null, DeviceSortField.Name, false, DeviceQuery.MaxPageSize, continuationToken);

    /// <summary>Whether a device listed by the index passes the filter.</summary>
    public bool Matches(DeviceSummary device) =>
        (ClusterIds is null || ClusterIds.Contains(device.ClusterId))
        && (Labels is null || Labels.All(device.Labels.Contains))
        && (Type is null || Type == device.Type)
        && (FirmwareVersion is null || FirmwareVersion == device.FirmwareVersion);

    /// <summary>Whether a tenant passes the filter.</summary>
    public bool Matches(string tenantId) => TenantIds is null || TenantIds.Contains(tenantId);
}
