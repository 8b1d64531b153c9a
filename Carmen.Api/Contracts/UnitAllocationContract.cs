using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>A business unit's share: devices and users (either may be left out).</summary>
public sealed record UnitAllocationContract(int? Devices, int? Users)
{
    public UnitAllocation ToAllocation() => new(Devices, Users);

    public static UnitAllocationContract? From(UnitAllocation? allocation) => allocation is null ? null : new(allocation.Devices, allocation.Users);
}
