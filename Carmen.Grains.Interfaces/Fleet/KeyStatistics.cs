namespace Carmen.Grains.Interfaces.Fleet;

/// <summary>A key's latest values across the devices that report it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.KeyStatistics")]
public sealed record KeyStatistics([property: Id(0)] int Devices, [property: Id(1)] double Avg, [property: Id(2)] double Min, [property: Id(3)] double Max);
