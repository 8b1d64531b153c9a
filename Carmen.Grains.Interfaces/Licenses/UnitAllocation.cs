namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// The part of a tenant's licensed devices and users set aside for one business unit: the unit never goes beyond
/// it; units without an allocation share what is not allocated. A null count allocates none of that kind.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.UnitAllocation")]
public sealed record UnitAllocation(
    [property: Id(0)] int? Devices,
    [property: Id(1)] int? Users);
