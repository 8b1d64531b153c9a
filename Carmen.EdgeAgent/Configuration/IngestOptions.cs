namespace Carmen.EdgeAgent.Configuration;

/// <summary>How applications on the device hand the agent their own telemetry.</summary>
public sealed class IngestOptions
{
    /// <summary>Unix socket taking newline-delimited JSON; <c>{stateDirectory}/ingest.sock</c> when unset, off when empty.</summary>
    public string? Socket { get; set; }

    /// <summary>Port on 127.0.0.1 taking <c>POST /telemetry</c>; off when unset.</summary>
    public int? HttpPort { get; set; }
}
