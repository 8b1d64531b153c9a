namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>The latest value of a telemetry key and when it was measured (Unix milliseconds).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TimestampedValue")]
public readonly record struct TimestampedValue([property: Id(0)] long Timestamp, [property: Id(1)] TelemetryValue Value);
