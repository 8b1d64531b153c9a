namespace Carmen.Grains.Interfaces.Fleet;

/// <summary>The latest numeric telemetry of some devices of one tenant, as one silo gathered it since its last report.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.FleetReport")]
public sealed record FleetReport([property: Id(0)] IReadOnlyList<DeviceNumbers> Devices);

/// <summary>One device's latest numeric values by key.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceNumbers")]
public sealed record DeviceNumbers([property: Id(0)] string DeviceId, [property: Id(1)] IReadOnlyDictionary<string, double> Values);
