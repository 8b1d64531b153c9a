namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>Quotas of a tenant; null means unlimited (or, for the device rates, the platform's default).</summary>
/// <param name="MaxDevices">Devices in service.</param>
/// <param name="MaxUsers">Operator accounts.</param>
/// <param name="DeviceMessagesPerSecond">MQTT messages per second one device may publish.</param>
/// <param name="DevicePointsPerSecond">Telemetry data points per second one device may publish.</param>
/// <param name="MessagesPerSecond">MQTT messages per second all the tenant's devices together may publish.</param>
/// <param name="PointsPerSecond">Telemetry data points per second all the tenant's devices together may publish.</param>
[GenerateSerializer, Immutable, Alias("Carmen.TenantLimits")]
public sealed record TenantLimits(
    [property: Id(0)] int? MaxDevices = null,
    [property: Id(1)] int? MaxUsers = null,
    [property: Id(2)] int? DeviceMessagesPerSecond = null,
    [property: Id(3)] int? DevicePointsPerSecond = null,
    [property: Id(4)] int? MessagesPerSecond = null,
    [property: Id(5)] int? PointsPerSecond = null)
{
    /// <summary>No quotas.</summary>
    public static TenantLimits Unlimited { get; } = new();
}
