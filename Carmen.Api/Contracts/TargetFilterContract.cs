namespace Carmen.Api.Contracts;

/// <summary>
/// Devices by cluster, business unit, labels (all of them), device type and the firmware version they run now; for
/// application rollouts, tenants by id.
/// </summary>
public sealed record TargetFilterContract(
    string? ClusterId = null,
    string? BusinessUnitId = null,
    IReadOnlyList<string>? Labels = null,
    string? Type = null,
    string? FirmwareVersion = null,
    IReadOnlyList<string>? TenantIds = null);
