using Carmen.EdgeAgent.Attributes;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Rpc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// Finishes an install that needed a reboot, on the agent's first start after it (the kernel's boot id changed): the
/// update counts when the new version runs (<c>installer.versionCommand</c>) and the health check passes
/// (<c>installer.healthCommand</c>); otherwise Carmen hears of the failure, so the rollout can roll back. With RAUC
/// the booted slot is marked good or bad, so the bootloader keeps it or falls back.
/// </summary>
public sealed partial class RebootCheck(
    InstallState state,
    UpdateFeedback feedback,
    AttributeSync attributes,
    IOptions<AgentOptions> options,
    ILogger<RebootCheck> logger)
{
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(120);

    private readonly AgentOptions _options = options.Value;

    /// <summary>Settles a pending install after a reboot; the id of the action it settled, if any.</summary>
    public async Task<long?> RunAsync(CancellationToken cancellationToken)
    {
        if (state.Pending is not PendingInstall pending)
        {
            return null;
        }

        if (ClientAttributes.BootId(_options.ProcRoot) == pending.BootId)
        {
            LogStillWaiting(pending.ActionId, pending.Version);
            return null;
        }

        List<string> problems = [];
        if (_options.Installer.VersionCommand.Count > 0)
        {
            CommandResult version = await CommandRunner.RunAsync(_options.Installer.VersionCommand, s_commandTimeout, cancellationToken);
            string running = version.Output.Trim();
            if (version.ExitCode != 0 || running != pending.Version)
            {
                problems.Add($"After the reboot the device runs '{running}' (the version command {Ending(version)}), not {pending.Version}.");
            }
        }

        if (problems.Count == 0 && _options.Installer.HealthCommand.Count > 0)
        {
            CommandResult health = await CommandRunner.RunAsync(_options.Installer.HealthCommand, s_commandTimeout, cancellationToken);
            if (health.ExitCode != 0)
            {
                problems.Add($"The health check failed after the reboot (it {Ending(health)}).");
                problems.AddRange(health.LastLines(10));
            }
        }

        await MarkSlotAsync(good: problems.Count == 0, cancellationToken);
        if (problems.Count == 0)
        {
            state.SetInstalled(new InstalledSoftware(pending.DistributionSetId, pending.Version, pending.ActionId));
            LogConfirmed(pending.ActionId, pending.Version);
            await attributes.PublishClientAttributesAsync(cancellationToken);
            await feedback.OutcomeAsync(pending.ActionId, "closed", "success", [$"Running {pending.Version} after the reboot; checks passed."], cancellationToken);
        }
        else
        {
            LogRefuted(pending.ActionId, pending.Version, problems[0]);
            await feedback.OutcomeAsync(pending.ActionId, "closed", "failure", problems, cancellationToken);
        }

        state.SetPending(null); // only once Carmen has the outcome: a crash before this checks again and reports again
        return pending.ActionId;
    }

    private async Task MarkSlotAsync(bool good, CancellationToken cancellationToken)
    {
        if (_options.Installer.Type == "rauc")
        {
            CommandResult marked = await CommandRunner.RunAsync(["rauc", "status", good ? "mark-good" : "mark-bad", "booted"], s_commandTimeout, cancellationToken);
            if (marked.ExitCode != 0)
            {
                LogMarkFailed(good ? "good" : "bad", marked.StartFailure ?? marked.Error.Trim());
            }
        }
    }

    private static string Ending(CommandResult result) =>
        result.StartFailure is string why ? $"could not be started: {why}"
        : result.TimedOut ? "timed out"
        : $"exited with {result.ExitCode}{(result.Error.Length > 0 ? ": " + result.Error.Trim() : "")}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marking the booted RAUC slot {Mark} failed: {Error}")]
    private partial void LogMarkFailed(string mark, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update action {ActionId} ({Version}) waits for a reboot")]
    private partial void LogStillWaiting(long actionId, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update action {ActionId}: {Version} runs after the reboot")]
    private partial void LogConfirmed(long actionId, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update action {ActionId}: {Version} failed after the reboot: {Problem}")]
    private partial void LogRefuted(long actionId, string version, string problem);
}
