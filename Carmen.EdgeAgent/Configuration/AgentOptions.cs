namespace Carmen.EdgeAgent.Configuration;

/// <summary>
/// The agent's configuration: <c>/etc/carmen-agent/agent.json</c> (camelCase), then <c>CARMEN_AGENT_...</c>
/// environment variables (nested keys joined by <c>__</c>, as in <c>CARMEN_AGENT_SERVER__HOST</c>), then flags.
/// </summary>
public sealed class AgentOptions
{
    public const string DefaultPath = "/etc/carmen-agent/agent.json";

    public ServerOptions Server { get; set; } = new();

    /// <summary>The device's access token: its MQTT username, and its DDI <c>TargetToken</c> for downloads.</summary>
    public string? AccessToken { get; set; }

    /// <summary>PEM client certificate and key, for brokers that authenticate devices by certificate.</summary>
    public string? ClientCertificate { get; set; }

    public string? ClientKey { get; set; }

    /// <summary>The certificate the agent enrolls for and renews itself (instead of <see cref="ClientCertificate"/> files made elsewhere).</summary>
    public CertificateOptions Certificates { get; set; } = new();

    public int TelemetryIntervalSeconds { get; set; } = 30;

    public string StateDirectory { get; set; } = "/var/lib/carmen-agent";

    /// <summary>Mount points whose usage is reported as <c>disk.{mount}</c>; "/" when none are listed.</summary>
    public List<string> Mounts { get; set; } = [];

    /// <summary>Bytes of telemetry kept on disk while the connection is down; the oldest is dropped beyond this.</summary>
    public long QueueLimitBytes { get; set; } = 64L * 1024 * 1024;

    public InstallerOptions Installer { get; set; } = new();

    /// <summary>Polling DDI for update actions instead of taking them over MQTT.</summary>
    public DdiOptions Ddi { get; set; } = new();

    public LocalIngestionOptions LocalIngestion { get; set; } = new();

    /// <summary>Commands the <c>exec</c> RPC may run: a name and its argv, where <c>{0}</c>, <c>{1}</c>... take the caller's arguments.</summary>
    public Dictionary<string, List<string>> AllowedCommands { get; set; } = [];

    /// <summary>Whether the <c>reboot</c> RPC may reboot the device.</summary>
    public bool AllowReboot { get; set; }

    /// <summary>Where /proc and /sys are read from: "/" on a device, a fixture copy in tests.</summary>
    public string ProcRoot { get; set; } = "/";

    public string QueueDirectory => Path.Combine(StateDirectory, "queue");

    public string IngestionSocketPath => LocalIngestion.SocketPath ?? Path.Combine(StateDirectory, "telemetry.sock");

    public IReadOnlyList<string> MountsOrRoot => Mounts.Count > 0 ? Mounts : ["/"];
}
