using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>
/// A tenant's use of what its licenses grant now. <c>licensed</c> is false for a tenant without licenses, which only
/// its own limits bound; otherwise the counts are entitled (the licenses' sum), allowance (overage included) and used,
/// and the meters a month (<see cref="LicenseMeterContract"/>).
/// </summary>
public sealed record LicenseUsageResponse(
    bool Licensed,
    LicenseCountContract Devices,
    LicenseCountContract Users,
    IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, LicenseMeterContract> Meters,
    DateTimeOffset At)
{
    public static LicenseUsageResponse From(LicenseUsage usage, IReadOnlyList<MeterMonth> meterMonths)
    {
        LicenseAllowance allowance = usage.Allowance;
        Dictionary<string, LicenseMeterContract> meters = allowance.Meters.ToDictionary(meter => meter.Key, meter =>
            meterMonths.FirstOrDefault(month => month.Meter == meter.Key) is MeterMonth current
                ? new LicenseMeterContract(meter.Value, allowance.MeterAllowance[meter.Key], current.Month, current.Used, current.ExhaustedAt)
                : new LicenseMeterContract(meter.Value, allowance.MeterAllowance[meter.Key], null, null, null), StringComparer.Ordinal);
        return new(allowance.Licensed,
            new LicenseCountContract(allowance.Devices, allowance.DeviceAllowance, usage.DevicesInService),
            new LicenseCountContract(allowance.Users, allowance.UserAllowance, usage.Users),
            [.. allowance.Features.Order(StringComparer.Ordinal)], meters, usage.At);
    }
}
