namespace Carmen.Grains.Interfaces.Updates;

/// <summary>What an operator gives to create a distribution set: a named, versioned set of modules and the device types it fits (none: any).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DistributionSetSpec")]
public sealed record DistributionSetSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] IReadOnlyList<long> Modules,
    [property: Id(3)] IReadOnlyList<string>? DeviceTypes = null,
    [property: Id(4)] string? Description = null);
