using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>
/// Devices by cluster (one, or several in clusterIds), business unit, labels (all of them), device type and the firmware
/// version they run now; for application rollouts, tenants by id. Read back, a business unit is the clusters it had.
/// </summary>
public sealed record TargetFilterContract(
    string? ClusterId = null,
    string? BusinessUnitId = null,
    IReadOnlyList<string>? Labels = null,
    string? Type = null,
    string? FirmwareVersion = null,
    IReadOnlyList<string>? TenantIds = null,
    IReadOnlyList<string>? ClusterIds = null)
{
    public static TargetFilterContract? From(TargetFilter? filter) => filter is null
        ? null
        : new(Labels: filter.Labels, Type: filter.Type, FirmwareVersion: filter.FirmwareVersion, TenantIds: filter.TenantIds, ClusterIds: filter.ClusterIds);
}
