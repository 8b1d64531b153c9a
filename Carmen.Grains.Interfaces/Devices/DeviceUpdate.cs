namespace Carmen.Grains.Interfaces.Devices;

/// <summary>A partial update of a device: null members are left unchanged.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceUpdate")]
public sealed record DeviceUpdate(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Type = null,
    [property: Id(2)] IReadOnlyList<string>? Labels = null,
    [property: Id(3)] string? ClusterId = null,
    [property: Id(4)] bool? Quarantined = null,
    [property: Id(5)] bool? Gateway = null);
