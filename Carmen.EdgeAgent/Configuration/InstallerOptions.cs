namespace Carmen.EdgeAgent.Configuration;

/// <summary>How an update is installed (<c>command</c>, <c>swupdate</c> or <c>rauc</c>), and how a reboot into it is confirmed.</summary>
public sealed class InstallerOptions
{
    public string Type { get; set; } = "command";

    /// <summary>For <c>command</c>: the script, run with the artifact's path and the version; exit 0 installed, 10 installed and needs a reboot.</summary>
    public string? Command { get; set; }

    /// <summary>How long one install may run before it is killed and reported as failed.</summary>
    public int TimeoutSeconds { get; set; } = 3600;

    /// <summary>An argv that prints the running version; after a reboot the update counts only when it prints the new one.</summary>
    public List<string> VersionCommand { get; set; } = [];

    /// <summary>An argv that must exit 0 after a reboot into the update (a service answers, the network is up...).</summary>
    public List<string> HealthCommand { get; set; } = [];

    /// <summary>
    /// When set, soft updates and updates asking for confirmation wait until this file exists (someone on site
    /// approved); the file is removed when the install starts, so one approval is one install.
    /// </summary>
    public string? ApprovalFile { get; set; }
}
