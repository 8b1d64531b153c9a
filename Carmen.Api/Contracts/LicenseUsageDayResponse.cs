using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>One day's use (UTC): the peak and the last count the day's checks saw, and what the licenses entitled.</summary>
public sealed record LicenseUsageDayResponse(DateOnly Day, LicenseDayCountContract Devices, LicenseDayCountContract Users)
{
    public static LicenseUsageDayResponse From(LicenseUsageDay day) => new(day.Day,
        new LicenseDayCountContract(day.EntitledDevices, day.PeakDevices, day.Devices), new LicenseDayCountContract(day.EntitledUsers, day.PeakUsers, day.Users));
}
