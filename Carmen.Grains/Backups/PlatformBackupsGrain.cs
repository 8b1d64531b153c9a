using System.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Backups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Carmen.Grains.Backups;

/// <summary>
/// The platform's backups: settings, runs started through the API or by the schedule (one backup at a time), their
/// verification and drills, and the check "Backups failing". Reentrant, so the list and a verification answer while a
/// backup runs; the work itself runs on the node (<see cref="INodeBackups"/>), off this grain's thread.
/// </summary>
[Reentrant]
[GrainType("platform-backups")]
public sealed partial class PlatformBackupsGrain(
    [PersistentState("platform-backups", StorageNames.Platform)] IPersistentState<PlatformBackupsState> stored,
    IEnumerable<INodeBackups> nodes,
    [FromKeyedServices(PlatformBackupsGrain.ClockKey)] TimeProvider time,
    ILogger<PlatformBackupsGrain> logger) : Grain, IPlatformBackupsGrain
{
    /// <summary>The clock backups are named and aged by, keyed so tests can move it alone.</summary>
    public const string ClockKey = "backups";

    private const int RunsShown = 50;
    private static readonly TimeSpan s_runsAtMost = TimeSpan.FromHours(6);

    private readonly INodeBackups? _node = nodes.FirstOrDefault();
    private readonly List<BackupRun> _runs = [];

    internal BackupHealth Health { get; private set; } = new(DateTimeOffset.MinValue);

    /// <summary>The repository this node backs up to, for the gauges (which read it off the grain's thread); empty when none.</summary>
    internal string Destination { get; private set; } = "";

    private BackupSettings Settings => stored.State.Settings ?? Node.Configured;

    private INodeBackups Node => _node ?? throw CarmenException.Conflict("This process takes no backups: only silos do (docs/backup.md).");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Health = new BackupHealth(time.GetUtcNow());
        BackupMetrics.Live.Add(this);
        if (_node is not null && Settings.Destination.Length > 0)
        {
            try
            {
                IReadOnlyList<BackupSummary> backups = await _node.ListAsync(Settings.Destination, cancellationToken);
                BackupSummary? newest = backups.Count > 0 ? backups[0] : null;
                Health.LastSuccess = newest?.CreatedAt;
                Health.LastSize = newest is null ? 0 : newest.Bytes + newest.ArtifactBytes;
                Health.LastDrillPassed = backups.Select(backup => backup.LastDrill).Where(drill => drill?.Passed == true).Max(drill => drill?.At);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                LogRepositoryUnreadable(unreadable, Settings.Destination); // ages count from now; the next backup says whether it can be written
            }
        }

        Reschedule();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        BackupMetrics.Live.Remove(this);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask; // activation schedules

    public Task<BackupSettings> GetSettingsAsync(CancellationToken cancellationToken) => Task.FromResult(Settings);

    public async Task<BackupSettings> UpdateSettingsAsync(BackupSettings settings, CancellationToken cancellationToken)
    {
        BackupSettingsRules.Validate(settings);
        Node.ValidatePaths(settings);
        stored.State.Settings = settings;
        await stored.WriteStateAsync(cancellationToken);
        Reschedule();
        await ObserveAsync(); // a limit or destination changed: its check answers now, not at the next wake
        return settings;
    }

    public Task<BackupRun> RunAsync(CancellationToken cancellationToken)
    {
        BackupRun run = StartBackup(BackupTrigger.Manual);
        return Task.FromResult(run);
    }

    public async Task<BackupListing> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<BackupSummary> backups = Settings.Destination.Length > 0 ? await Node.ListAsync(Settings.Destination, cancellationToken) : [];
        return new BackupListing([.. Enumerable.Reverse(_runs)], backups, Health.Summarize(Settings, time.GetUtcNow()));
    }

    public async Task<BackupDetails?> GetAsync(string backupId, CancellationToken cancellationToken)
    {
        BackupDetails? details = BackupIds.IsValid(backupId) && Settings.Destination.Length > 0 ? await Node.FindAsync(Settings.Destination, backupId, cancellationToken) : null;
        BackupRun[] runs = [.. _runs.Where(run => run.Id == backupId)];
        return details is not null ? details with { Runs = runs }
            : runs.FirstOrDefault(run => run.Kind == BackupRunKind.Backup) is BackupRun taking ? BackupDetails.Pending(taking, runs)
            : null;
    }

    public async Task<BackupVerification> VerifyAsync(string backupId, CancellationToken cancellationToken)
    {
        await Existing(backupId, cancellationToken);
        BackupVerification verification = await Node.VerifyAsync(Settings.Destination, backupId, time.GetUtcNow(), cancellationToken);
        if (verification.Intact)
        {
            Health.LastVerified = verification.At;
            Health.VerifyFailure = Health.VerifyFailure?.BackupId == backupId ? null : Health.VerifyFailure;
        }
        else
        {
            Health.VerifyFailure = (backupId, string.Join("; ", verification.Problems));
        }

        LogVerified(backupId, verification.Intact, verification.Problems.Count);
        await ObserveAsync();
        return verification;
    }

    public async Task<BackupRun> DrillAsync(string backupId, CancellationToken cancellationToken)
    {
        await Existing(backupId, cancellationToken);
        return StartDrill(backupId, BackupTrigger.Manual);
    }

    private async Task Existing(string backupId, CancellationToken cancellationToken)
    {
        if (!BackupIds.IsValid(backupId) || Settings.Destination.Length == 0 || await Node.FindAsync(Settings.Destination, backupId, cancellationToken) is null)
        {
            throw CarmenException.NotFound($"There is no backup '{backupId}' in the repository.");
        }
    }

    /// <summary>Starts a backup unless one runs; it goes on after the call returns, with its outcome in the runs.</summary>
    private BackupRun StartBackup(BackupTrigger trigger)
    {
        if (_runs.FirstOrDefault(run => run.Kind == BackupRunKind.Backup && run.Status == BackupRunStatus.Running) is BackupRun running)
        {
            throw CarmenException.Conflict($"Backup {running.Id} is running; one backup runs at a time.");
        }

        BackupSettings settings = Settings;
        if (settings.Destination.Length == 0)
        {
            throw CarmenException.Invalid("destination", "Set a destination in the backup settings first: the directory backups go to.");
        }

        DateTimeOffset now = time.GetUtcNow();
        if (_runs.Any(run => run.Kind == BackupRunKind.Backup && run.Id == BackupIds.For(now)))
        {
            throw CarmenException.Conflict($"Backup {BackupIds.For(now)} was taken this second; backups are named by the second they are taken.");
        }

        BackupRun run = Track(new BackupRun(BackupIds.For(now), BackupRunKind.Backup, BackupRunStatus.Running, trigger, now, null, null, null, null));
        DelayDeactivation(s_runsAtMost);
        _ = TakeAsync(run, settings);
        return run;
    }

    private async Task TakeAsync(BackupRun run, BackupSettings settings)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            BackupSummary taken = await Node.TakeAsync(settings, run.StartedAt, CancellationToken.None);
            Finish(run with { Status = BackupRunStatus.Succeeded, Bytes = taken.Bytes + taken.ArtifactBytes, Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2) });
            (Health.LastSuccess, Health.LastSize, Health.BackupError) = (taken.CreatedAt, taken.Bytes + taken.ArtifactBytes, null);
            BackupMetrics.Backup(run.Trigger, succeeded: true, clock.Elapsed.TotalSeconds);
            LogTaken(run.Id, taken.Bytes + taken.ArtifactBytes, clock.Elapsed.TotalSeconds, run.Trigger);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            Finish(run with { Status = BackupRunStatus.Failed, Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2), Error = failure.Message });
            Health.BackupError = failure.Message;
            BackupMetrics.Backup(run.Trigger, succeeded: false, clock.Elapsed.TotalSeconds);
            LogFailed(failure, run.Id, settings.Destination);
        }

        await ObserveAsync();
    }

    private BackupRun StartDrill(string backupId, BackupTrigger trigger)
    {
        BackupRun run = Track(new BackupRun(backupId, BackupRunKind.Drill, BackupRunStatus.Running, trigger, time.GetUtcNow(), null, null, null, null));
        DelayDeactivation(s_runsAtMost);
        _ = RunDrillAsync(run, Settings);
        return run;
    }

    private async Task RunDrillAsync(BackupRun run, BackupSettings settings)
    {
        BackupDrill drill;
        try
        {
            drill = await Node.DrillAsync(settings, run.Id, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            drill = new BackupDrill(time.GetUtcNow(), false, $"the drill could not run: {failure.Message}", 0, 0, []);
        }

        Finish(run with { Status = drill.Passed ? BackupRunStatus.Succeeded : BackupRunStatus.Failed, Seconds = drill.RestoreSeconds, Error = drill.Reason });
        (Health.LastDrillPassed, Health.DrillFailure) = drill.Passed ? (drill.At, null) : (Health.LastDrillPassed, $"{run.Id}: {drill.Reason}");
        BackupMetrics.Drill(run.Trigger, drill.Passed);
        LogDrilled(run.Id, drill.Passed, drill.RestoreSeconds, drill.BackupAgeSeconds, drill.Reason);
        await ObserveAsync();
    }

    private BackupRun Track(BackupRun run)
    {
        _runs.Add(run);
        if (_runs.Count > RunsShown)
        {
            _runs.RemoveAt(0);
        }

        return run;
    }

    private void Finish(BackupRun run)
    {
        int at = _runs.FindIndex(tracked => tracked.Id == run.Id && tracked.Kind == run.Kind && tracked.StartedAt == run.StartedAt);
        BackupRun finished = run with { FinishedAt = time.GetUtcNow() };
        if (at >= 0)
        {
            _runs[at] = finished;
        }
        else
        {
            Track(finished);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} taken ({Trigger}): {Bytes} bytes in {Seconds:N1} s")]
    private partial void LogTaken(string backupId, long bytes, double seconds, BackupTrigger trigger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId} to {Destination} failed")]
    private partial void LogFailed(Exception exception, string backupId, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backup repository {Destination} could not be read at activation")]
    private partial void LogRepositoryUnreadable(Exception exception, string destination);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} verified: intact {Intact}, {Problems} problem(s)")]
    private partial void LogVerified(string backupId, bool intact, int problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restore drill of backup {BackupId}: passed {Passed}, restored in {Seconds:N1} s, backup {AgeSeconds:N0} s old; {Reason}")]
    private partial void LogDrilled(string backupId, bool passed, double seconds, double ageSeconds, string? reason);
}
