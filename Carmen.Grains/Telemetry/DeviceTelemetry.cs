using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Telemetry;

/// <summary>Points one device sent in one message, on their way from its grain to history, fleet metrics and alerts.</summary>
public sealed record DeviceTelemetry(DeviceKey Device, string ClusterId, TelemetryPoint[] Points)
{
    /// <summary>Set when the sender waits for history: completed once the points are committed, failed if the silo gives them up.</summary>
    public TaskCompletionSource? Stored { get; init; }
}
