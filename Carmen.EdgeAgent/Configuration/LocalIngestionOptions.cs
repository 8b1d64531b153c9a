namespace Carmen.EdgeAgent.Configuration;

/// <summary>Where applications on the device hand the agent their own telemetry: a Unix socket, and optionally HTTP on 127.0.0.1.</summary>
public sealed class LocalIngestionOptions
{
    /// <summary>The socket's path; <c>{stateDirectory}/telemetry.sock</c> when unset. Access follows the file's mode (0660: owner and group).</summary>
    public string? SocketPath { get; set; }

    /// <summary>A port on 127.0.0.1 for <c>POST /telemetry</c>; 0 (the default) leaves HTTP off.</summary>
    public int HttpPort { get; set; }
}
