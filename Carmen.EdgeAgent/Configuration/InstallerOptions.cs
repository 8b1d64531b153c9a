namespace Carmen.EdgeAgent.Configuration;

/// <summary>How an update is installed: <c>command</c> (a script of yours), <c>swupdate</c> or <c>rauc</c>.</summary>
public sealed class InstallerOptions
{
    public string Type { get; set; } = "command";

    /// <summary>For <c>command</c>: the script, run with the artifact's path and the version; exit 0 installed, 10 installed and needs a reboot.</summary>
    public string? Command { get; set; }
}
