using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>A business unit's share beside its use; <c>shareFarAboveUse</c> when it uses less than half of a share of devices or users.</summary>
public sealed record UnitUsageReportResponse(string BusinessUnitId, UnitAllocationContract? Allocation, int DevicesInService, int Users, bool ShareFarAboveUse)
{
    public static UnitUsageReportResponse From(UnitAllocationUsage unit) => new(
        unit.BusinessUnitId, UnitAllocationContract.From(unit.Allocation), unit.DevicesInService, unit.Users,
        unit.Allocation is { } share && (share.Devices > 2 * unit.DevicesInService || share.Users > 2 * unit.Users));
}
