using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>
/// A tenant's use of what its licenses grant now. <c>licensed</c> is false for a tenant without licenses, which only
/// its own limits bound; otherwise the counts are entitled (the licenses' sum), allowance (overage included) and used.
/// </summary>
public sealed record LicenseUsageResponse(
    bool Licensed,
    LicenseCountContract Devices,
    LicenseCountContract Users,
    IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, long> Meters,
    DateTimeOffset At)
{
    public static LicenseUsageResponse From(LicenseUsage usage)
    {
        LicenseAllowance allowance = usage.Allowance;
        return new(allowance.Licensed,
            new LicenseCountContract(allowance.Devices, allowance.DeviceAllowance, usage.DevicesInService),
            new LicenseCountContract(allowance.Users, allowance.UserAllowance, usage.Users),
            [.. allowance.Features.Order(StringComparer.Ordinal)], allowance.Meters, usage.At);
    }
}
