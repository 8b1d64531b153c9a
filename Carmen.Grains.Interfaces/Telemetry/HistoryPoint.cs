using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>A point of history: a raw value at its time, or a bucket's aggregate at the bucket's start.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.HistoryPoint")]
public readonly record struct HistoryPoint([property: Id(0)] long Timestamp, [property: Id(1)] TelemetryValue Value);
