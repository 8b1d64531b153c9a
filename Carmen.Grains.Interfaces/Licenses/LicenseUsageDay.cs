namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// One day of a tenant's license use (UTC): the highest and the last count of devices in service and users seen by the
/// day's checks, beside what the licenses entitled that day.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseUsageDay")]
public sealed record LicenseUsageDay(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int PeakDevices,
    [property: Id(2)] int Devices,
    [property: Id(3)] int EntitledDevices,
    [property: Id(4)] int PeakUsers,
    [property: Id(5)] int Users,
    [property: Id(6)] int EntitledUsers);
