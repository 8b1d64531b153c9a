using System.Collections.Concurrent;
using Carmen.Grains.Telemetry;

namespace Carmen.Grains.Tests;

/// <summary>Stands in for the silo's fan-out (which needs history and streams) and keeps what device grains hand it.</summary>
public sealed class RecordingTelemetrySink : ITelemetrySink
{
    public ConcurrentQueue<DeviceTelemetry> Accepted { get; } = new();

    public ValueTask AcceptAsync(DeviceTelemetry telemetry, CancellationToken cancellationToken)
    {
        Accepted.Enqueue(telemetry);
        return ValueTask.CompletedTask;
    }
}
