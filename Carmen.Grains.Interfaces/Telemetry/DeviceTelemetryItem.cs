using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>Points of one device in a batch.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceTelemetryItem")]
public sealed record DeviceTelemetryItem([property: Id(0)] string DeviceId, [property: Id(1)] string ClusterId, [property: Id(2)] TelemetryPoint[] Points);
