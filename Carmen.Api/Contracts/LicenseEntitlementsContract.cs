using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>What a license grants: devices in service, users, features, monthly meters.</summary>
public sealed record LicenseEntitlementsContract(int? Devices, int? Users, IReadOnlyList<string>? Features, IReadOnlyDictionary<string, long>? Meters)
{
    public LicenseEntitlements ToEntitlements() => new(Devices, Users, Features ?? [], Meters ?? new Dictionary<string, long>());

    public static LicenseEntitlementsContract From(LicenseEntitlements granted) => new(granted.Devices, granted.Users, granted.Features, granted.Meters);
}
