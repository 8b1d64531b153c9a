using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>One business unit: its allocation (null: it shares the unallocated rest) and its use.</summary>
public sealed record UnitAllocationResponse(string BusinessUnitId, UnitAllocationContract? Allocation, int DevicesInService, int Users)
{
    public static UnitAllocationResponse From(UnitAllocationUsage unit) =>
        new(unit.BusinessUnitId, UnitAllocationContract.From(unit.Allocation), unit.DevicesInService, unit.Users);
}
