namespace Carmen.Grains.Interfaces.Updates;

/// <summary>A key and value on a software module; only entries visible to the device are sent with a deployment.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ModuleMetadata")]
public sealed record ModuleMetadata(
    [property: Id(0)] string Key,
    [property: Id(1)] string Value,
    [property: Id(2)] bool VisibleToDevice);
