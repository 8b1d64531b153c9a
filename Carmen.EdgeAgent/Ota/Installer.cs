using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Rpc;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// Runs the configured installer on a verified artifact: <c>command</c> (the owner's script, given the artifact's path
/// and the version; exit 0 installed, 10 installed and a reboot finishes it), <c>swupdate -i</c>, or
/// <c>rauc install</c>. Both swupdate and RAUC write the other slot, so their success always wants a reboot.
/// </summary>
public sealed class Installer(IOptions<AgentOptions> options)
{
    public const int RebootExitCode = 10;
    private const int LogLines = 15;

    private readonly InstallerOptions _installer = options.Value.Installer;

    public string Name => _installer.Type;

    public async Task<InstallOutcome> InstallAsync(string file, string version, CancellationToken cancellationToken)
    {
        string[] argv = _installer.Type switch
        {
            "swupdate" => ["swupdate", "-i", file],
            "rauc" => ["rauc", "install", file],
            _ => [_installer.Command ?? throw new UpdateFailedException("This device takes no updates: its agent has no installer.command."), file, version],
        };
        CommandResult result = await CommandRunner.RunAsync(argv, TimeSpan.FromSeconds(_installer.TimeoutSeconds), cancellationToken);
        if (result.StartFailure is string why)
        {
            throw new UpdateFailedException($"The installer '{argv[0]}' cannot be started: {why}");
        }

        bool command = _installer.Type == "command";
        bool installed = result.ExitCode == 0 || (command && result.ExitCode == RebootExitCode);
        string ending = result.TimedOut ? $"timed out after {_installer.TimeoutSeconds} s" : $"exited with {result.ExitCode}";
        return new InstallOutcome(installed, installed && (!command || result.ExitCode == RebootExitCode), [$"{argv[0]} {ending}", .. result.LastLines(LogLines)]);
    }
}
