namespace Carmen.Grains.Interfaces.Fleet;

/// <summary>One device's latest numeric values by key.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceNumbers")]
public sealed record DeviceNumbers([property: Id(0)] string DeviceId, [property: Id(1)] IReadOnlyDictionary<string, double> Values);
