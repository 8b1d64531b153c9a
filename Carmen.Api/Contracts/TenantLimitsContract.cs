using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Contracts;

/// <summary>A tenant's quotas; null is unlimited (device rates: the platform's default).</summary>
public sealed record TenantLimitsContract(
    int? MaxDevices,
    int? MaxUsers,
    int? DeviceMessagesPerSecond = null,
    int? DevicePointsPerSecond = null,
    int? MessagesPerSecond = null,
    int? PointsPerSecond = null)
{
    public TenantLimits ToLimits() => new(MaxDevices, MaxUsers, DeviceMessagesPerSecond, DevicePointsPerSecond, MessagesPerSecond, PointsPerSecond);

    public static TenantLimitsContract From(TenantLimits limits) => new(
        limits.MaxDevices, limits.MaxUsers, limits.DeviceMessagesPerSecond, limits.DevicePointsPerSecond, limits.MessagesPerSecond, limits.PointsPerSecond);
}
