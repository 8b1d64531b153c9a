namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>One business unit's allocation beside its use: devices in service in its clusters, users whose roles lie in it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.UnitAllocationUsage")]
public sealed record UnitAllocationUsage(
    [property: Id(0)] string BusinessUnitId,
    [property: Id(1)] UnitAllocation? Allocation,
    [property: Id(2)] int DevicesInService,
    [property: Id(3)] int Users);
