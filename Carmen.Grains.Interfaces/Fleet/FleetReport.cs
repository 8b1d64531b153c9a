namespace Carmen.Grains.Interfaces.Fleet;

/// <summary>The latest numeric telemetry of some devices of one tenant, as one silo gathered it since its last report.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.FleetReport")]
public sealed record FleetReport([property: Id(0)] IReadOnlyList<DeviceNumbers> Devices);
