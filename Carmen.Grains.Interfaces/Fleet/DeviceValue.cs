namespace Carmen.Grains.Interfaces.Fleet;

/// <summary>A device and its latest value of the key asked about.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceValue")]
public sealed record DeviceValue([property: Id(0)] string DeviceId, [property: Id(1)] double Value);
