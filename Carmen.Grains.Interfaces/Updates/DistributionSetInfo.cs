namespace Carmen.Grains.Interfaces.Updates;

/// <summary>A distribution set: what a device is updated to, as one unit.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DistributionSetInfo")]
public sealed record DistributionSetInfo(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Version,
    [property: Id(3)] IReadOnlyList<long> Modules,
    [property: Id(4)] IReadOnlyList<string> DeviceTypes,
    [property: Id(5)] string? Description,
    [property: Id(6)] DateTimeOffset CreatedAt);
