namespace Carmen.Grains.Telemetry;

/// <summary>
/// Where a device grain hands accepted telemetry: the silo's fan-out to history, fleet metrics and alert evaluation.
/// Completes once the points are queued; waits while the queue is full, which slows the device down rather than
/// losing anything.
/// </summary>
public interface ITelemetrySink
{
    ValueTask AcceptAsync(DeviceTelemetry telemetry, CancellationToken cancellationToken = default);
}
