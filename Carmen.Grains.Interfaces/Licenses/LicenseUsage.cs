namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>A tenant's use of what its licenses grant, now.</summary>
/// <param name="Allowance">What its licenses grant together.</param>
/// <param name="DevicesInService">Devices registered and not decommissioned.</param>
/// <param name="Users">Users of the tenant.</param>
/// <param name="At">When this was read.</param>
/// <param name="PeakDevices">The most devices in service at any admission today (UTC), as far as the tenant grain saw it.</param>
/// <param name="PeakUsers">The most users at any admission today (UTC), as far as the tenant grain saw it.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseUsage")]
public sealed record LicenseUsage(
    [property: Id(0)] LicenseAllowance Allowance,
    [property: Id(1)] int DevicesInService,
    [property: Id(2)] int Users,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int PeakDevices,
    [property: Id(5)] int PeakUsers);
