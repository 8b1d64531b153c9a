namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>One data point: a key's value at a time (Unix milliseconds, the device's or the server's receive time).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TelemetryPoint")]
public readonly record struct TelemetryPoint(
    [property: Id(0)] long Timestamp,
    [property: Id(1)] string Key,
    [property: Id(2)] TelemetryValue Value);
