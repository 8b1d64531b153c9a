namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// Where a tenant's licenses go unused, for cost optimisation: seats not taken, devices in service that were never seen
/// or have been silent for the days asked, and business units whose share is far above their use.
/// </summary>
/// <param name="Usage">Use against each entitlement now.</param>
/// <param name="Units">Every business unit's share and use.</param>
/// <param name="NeverSeen">Devices in service that never connected (the first 1,000).</param>
/// <param name="NeverSeenCount">How many of those there are.</param>
/// <param name="Silent">Devices in service not seen for <paramref name="SilentDays"/> days (the first 1,000).</param>
/// <param name="SilentCount">How many of those there are.</param>
/// <param name="SilentDays">The days of silence asked for.</param>
/// <param name="MeterMonths">The telemetry-point meter's months, newest first.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseUsageReport")]
public sealed record LicenseUsageReport(
    [property: Id(0)] LicenseUsage Usage,
    [property: Id(1)] IReadOnlyList<UnitAllocationUsage> Units,
    [property: Id(2)] IReadOnlyList<IdleDevice> NeverSeen,
    [property: Id(3)] int NeverSeenCount,
    [property: Id(4)] IReadOnlyList<IdleDevice> Silent,
    [property: Id(5)] int SilentCount,
    [property: Id(6)] int SilentDays,
    [property: Id(7)] IReadOnlyList<MeterMonth> MeterMonths);
