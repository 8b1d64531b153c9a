using Carmen.EdgeAgent.Attributes;
using Carmen.EdgeAgent.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// The steps of one action: download and verify every artifact (reporting the percentage), wait for what the action
/// type asks (the maintenance window, or local approval of a soft update), install, and report the outcome with the
/// end of the installer's output. An install that needs a reboot is left pending on disk for <see cref="RebootCheck"/>.
/// </summary>
public sealed partial class UpdateRunner(
    ArtifactDownloader downloader,
    Installer installer,
    UpdateFeedback feedback,
    InstallState state,
    AttributeSync attributes,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<UpdateRunner> logger)
{
    /// <summary>How often a waiting update looks for the approval file.</summary>
    private static readonly TimeSpan s_lookAgain = TimeSpan.FromSeconds(2);

    private readonly AgentOptions _options = options.Value;

    public async Task RunAsync(UpdateJob job)
    {
        UpdateOffer offer = job.Offer;
        try
        {
            if (offer.Kind == OfferKind.Confirm)
            {
                await WaitForApprovalAsync(job);
                await feedback.ConfirmAsync(offer.ActionId, [_options.Installer.ApprovalFile is null ? "Confirmed by the agent (no approval file configured)." : "Approved on the device."], job.Canceled);
                return;
            }

            if (await IsAlreadyDoneAsync(offer, job.Canceled))
            {
                return;
            }

            LogStarting(offer.ActionId, offer.Name, offer.Version, offer.Update);
            IReadOnlyList<string> files = await DownloadAsync(offer, job.Canceled);
            if (offer.IsDownloadOnly)
            {
                await feedback.OutcomeAsync(offer.ActionId, "downloaded", "success", [$"Downloaded and verified {files.Count} artifact(s); this action does not install."], job.Canceled);
                return;
            }

            await feedback.ProgressAsync(offer.ActionId, "downloaded", [$"Downloaded and verified {files.Count} artifact(s)."], job.Canceled);

            await WaitUntilInstallableAsync(job);
            if (!job.TryBeginInstall())
            {
                return; // stopped while waiting: whoever stopped it reports
            }

            await InstallAsync(job.Offer, files, job.Canceled);
        }
        catch (UpdateFailedException failed)
        {
            LogFailed(offer.ActionId, failed.Message);
            await feedback.OutcomeAsync(offer.ActionId, "closed", "failure", [failed.Message, .. failed.Details], job.Canceled);
        }
        catch (OperationCanceledException) when (job.Canceled.IsCancellationRequested)
        {
            LogStopped(offer.ActionId);
        }
        catch (Exception unexpected)
        {
            LogCrashed(unexpected, offer.ActionId);
            await feedback.OutcomeAsync(offer.ActionId, "closed", "failure", [$"The agent failed: {unexpected.Message}"], job.Canceled);
        }
    }

    /// <summary>An action Carmen offers again after the agent restarted: installed already, or waiting for its reboot.</summary>
    private async Task<bool> IsAlreadyDoneAsync(UpdateOffer offer, CancellationToken cancellationToken)
    {
        if (state.Pending?.ActionId == offer.ActionId)
        {
            await feedback.ProgressAsync(offer.ActionId, "proceeding", ["Installed; waiting for the reboot that finishes it."], cancellationToken);
            return true;
        }

        if (!offer.IsDownloadOnly && state.Installed is InstalledSoftware installed
            && (installed.ActionId == offer.ActionId || (offer.DistributionSetId is long setId && installed.DistributionSetId == setId)))
        {
            await feedback.OutcomeAsync(offer.ActionId, "closed", "success", [$"{offer.Name} {offer.Version} is installed."], cancellationToken);
            return true;
        }

        return false;
    }

    private async Task<IReadOnlyList<string>> DownloadAsync(UpdateOffer offer, CancellationToken cancellationToken)
    {
        long total = Math.Max(1, offer.Artifacts.Sum(artifact => artifact.Size));
        long before = 0;
        int reported = -1;
        List<string> files = [];
        foreach (OfferedArtifact artifact in offer.Artifacts)
        {
            long done = before;
            files.Add(await downloader.DownloadAsync(artifact, async have =>
            {
                // Every 10%: enough for an operator to watch, little enough for a slow link.
                int percent = (int)((done + have) * 100 / total);
                if (percent / 10 > reported / 10)
                {
                    reported = percent;
                    await feedback.ProgressAsync(offer.ActionId, "download", [$"Downloading {artifact.FileName}: {percent}%"], cancellationToken, (percent, 100));
                }
            }, cancellationToken));
            before += artifact.Size;
        }

        return files;
    }

    /// <summary>Outside the maintenance window, waits for Carmen to push the action again when it opens; a soft update also waits for local approval.</summary>
    private async Task WaitUntilInstallableAsync(UpdateJob job)
    {
        string? told = null;
        while (true)
        {
            UpdateOffer offer = job.Offer;
            string? waitingFor = offer.WaitsForWindow ? "the maintenance window"
                : offer.IsSoft && !IsApproved() ? $"approval on the device ({_options.Installer.ApprovalFile})"
                : null;
            if (waitingFor is null)
            {
                ConsumeApproval(offer);
                return;
            }

            if (waitingFor != told)
            {
                told = waitingFor;
                LogWaiting(offer.ActionId, waitingFor);
                await feedback.ProgressAsync(offer.ActionId, "downloaded", [$"Downloaded; waiting for {waitingFor}."], job.Canceled);
            }

            await job.WaitForChangeAsync(s_lookAgain);
        }
    }

    private async Task WaitForApprovalAsync(UpdateJob job)
    {
        if (!IsApproved())
        {
            string waitingFor = $"approval on the device ({_options.Installer.ApprovalFile}) before it confirms";
            LogWaiting(job.ActionId, waitingFor);
            while (!IsApproved())
            {
                await job.WaitForChangeAsync(s_lookAgain);
            }
        }

        ConsumeApproval(job.Offer);
    }

    private bool IsApproved() => _options.Installer.ApprovalFile is not string file || File.Exists(file);

    /// <summary>One approval is one install: the file goes when it is used.</summary>
    private void ConsumeApproval(UpdateOffer offer)
    {
        if ((offer.IsSoft || offer.Kind == OfferKind.Confirm) && _options.Installer.ApprovalFile is string file)
        {
            File.Delete(file);
        }
    }

    private async Task InstallAsync(UpdateOffer offer, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        List<string> log = [];
        bool reboot = false;
        for (int index = 0; index < files.Count; index++)
        {
            OfferedArtifact artifact = offer.Artifacts[index];
            await feedback.ProgressAsync(offer.ActionId, "proceeding", [$"Installing {artifact.FileName} with {installer.Name}"], cancellationToken, (index, files.Count));
            InstallOutcome outcome = await installer.InstallAsync(files[index], offer.Version, cancellationToken);
            if (!outcome.Installed)
            {
                downloader.Discard(offer.Artifacts);
                throw new UpdateFailedException($"Installing {artifact.FileName} failed: {outcome.Log[0]}.", outcome.Log.Skip(1).ToList());
            }

            log.AddRange(outcome.Log);
            reboot |= outcome.NeedsReboot;
        }

        downloader.Discard(offer.Artifacts);
        if (reboot)
        {
            string bootId = ClientAttributes.BootId(_options.ProcRoot) ?? "";
            state.SetPending(new PendingInstall(offer.ActionId, offer.DistributionSetId, offer.Version, bootId, time.GetUtcNow()));
            string next = _options.AllowReboot ? "rebooting now" : "waiting for the device to be rebooted (allowReboot is off)";
            LogAwaitingReboot(offer.ActionId, next);
            await feedback.ProgressAsync(offer.ActionId, "proceeding", [$"Installed {offer.Name} {offer.Version}; {next}.", .. log], cancellationToken, (files.Count, files.Count));
            if (_options.AllowReboot)
            {
                SystemReboot.After(TimeSpan.FromSeconds(2));
            }

            return;
        }

        state.SetInstalled(new InstalledSoftware(offer.DistributionSetId, offer.Version, offer.ActionId));
        LogInstalled(offer.ActionId, offer.Name, offer.Version);
        await attributes.PublishClientAttributesAsync(cancellationToken);
        await feedback.OutcomeAsync(offer.ActionId, "closed", "success", [$"Installed {offer.Name} {offer.Version}.", .. log], cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Update action {ActionId}: {Name} {Version} (update {Update})")]
    private partial void LogStarting(long actionId, string name, string version, string update);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update action {ActionId} waits for {What}")]
    private partial void LogWaiting(long actionId, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update action {ActionId} installed {Name} {Version}")]
    private partial void LogInstalled(long actionId, string name, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update action {ActionId} installed; {Next}")]
    private partial void LogAwaitingReboot(long actionId, string next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update action {ActionId} failed: {Reason}")]
    private partial void LogFailed(long actionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update action {ActionId} stopped")]
    private partial void LogStopped(long actionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update action {ActionId} failed in the agent")]
    private partial void LogCrashed(Exception failure, long actionId);
}
