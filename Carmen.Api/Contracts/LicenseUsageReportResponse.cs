using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>
/// Where a tenant's licenses go unused: seats not taken (entitled minus used), devices in service never seen or silent
/// for <c>silentDays</c>, and business units using less than half their share (<c>shareFarAboveUse</c>).
/// </summary>
public sealed record LicenseUsageReportResponse(
    LicenseUsageResponse Usage,
    int UnusedDeviceSeats,
    int UnusedUserSeats,
    IReadOnlyList<UnitUsageReportResponse> BusinessUnits,
    IdleDevicesResponse NeverSeen,
    IdleDevicesResponse Silent,
    int SilentDays)
{
    public static LicenseUsageReportResponse From(LicenseUsageReport report)
    {
        LicenseUsage usage = report.Usage;
        return new(LicenseUsageResponse.From(usage, report.MeterMonths),
            Math.Max(0, usage.Allowance.Devices - usage.DevicesInService), Math.Max(0, usage.Allowance.Users - usage.Users),
            [.. report.Units.Select(UnitUsageReportResponse.From)],
            new IdleDevicesResponse(report.NeverSeenCount, [.. report.NeverSeen.Select(IdleDeviceResponse.From)]),
            new IdleDevicesResponse(report.SilentCount, [.. report.Silent.Select(IdleDeviceResponse.From)]),
            report.SilentDays);
    }
}
