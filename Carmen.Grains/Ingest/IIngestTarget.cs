using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Ingest;

/// <summary>A device grain, as its ingest cell sees it: what takes a message between the grain's turns.</summary>
public interface IIngestTarget
{
    /// <summary>
    /// Takes the points into the device's state. Called only while the cell is open, under its lock: the grain is
    /// between turns, and its next turn closes the cell (waiting for this call) before it runs.
    /// </summary>
    IngestOutcome TakeBetweenTurns(TelemetryPoint[] points, DateTimeOffset now, IngestTerms terms);
}
