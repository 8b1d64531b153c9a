using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Telemetry;

/// <summary>Points one device sent in one message, on their way from its grain to history, fleet metrics and alerts.</summary>
public sealed record DeviceTelemetry(DeviceKey Device, string ClusterId, TelemetryPoint[] Points);
