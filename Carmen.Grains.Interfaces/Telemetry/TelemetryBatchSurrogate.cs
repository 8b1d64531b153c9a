namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>
/// A <see cref="TelemetryBatch"/> as it travels: one compact byte string (<see cref="TelemetryBatchConverter"/>), so
/// the stream serializes, copies and caches a buffer instead of tracking every key, device id and point as an object.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TelemetryBatchSurrogate")]
public readonly record struct TelemetryBatchSurrogate([property: Id(0)] byte[] Encoded);
