using Carmen.Grains.Interfaces.Backups;
using Carmen.Grains.Interfaces.Platform;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Backups;

/// <summary>
/// The schedule: one timer wakes the grain at the next backup or drill, or within a minute to report the platform
/// check "Backups failing". Settings changed through the API reschedule at once.
/// </summary>
public sealed partial class PlatformBackupsGrain
{
    private static readonly TimeSpan s_observeEvery = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    private DateTimeOffset? _nextBackup;
    private DateTimeOffset? _nextDrill;

    private void Reschedule()
    {
        BackupSettings? settings = _node is null ? null : Settings;
        Destination = settings?.Destination ?? "";
        if (settings is null || settings.Destination.Length == 0)
        {
            _timer?.Dispose(); // nothing to take or to watch
            _timer = null;
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        _nextBackup = BackupSettingsRules.Next(settings.Schedule, settings.TimeZone, now);
        _nextDrill = BackupSettingsRules.Next(settings.DrillSchedule, settings.TimeZone, now);
        DateTimeOffset wake = new[] { _nextBackup, _nextDrill, now + s_observeEvery }.OfType<DateTimeOffset>().Min();
        TimeSpan due = wake > now ? wake - now : TimeSpan.Zero;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(static (grain, _) => grain.WakeAsync(), this,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task WakeAsync()
    {
        DateTimeOffset now = time.GetUtcNow();
        try
        {
            if (_nextBackup <= now && !_runs.Any(run => run.Kind == BackupRunKind.Backup && (run.Status == BackupRunStatus.Running || run.Id == BackupIds.For(now))))
            {
                StartBackup(BackupTrigger.Schedule);
            }

            if (_nextDrill <= now && !_runs.Any(run => run.Kind == BackupRunKind.Drill && run.Status == BackupRunStatus.Running)
                && await Node.ListAsync(Settings.Destination, CancellationToken.None) is [BackupSummary newest, ..])
            {
                StartDrill(newest.Id, BackupTrigger.Schedule);
            }

            if (Health.VerifyFailure is (string failed, _) && await Node.FindAsync(Settings.Destination, failed, CancellationToken.None) is null)
            {
                Health.VerifyFailure = null; // the damaged backup is gone
            }

            await ObserveAsync();
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            LogWakeFailed(failure); // the next wake tries again
        }
        finally
        {
            Reschedule();
        }
    }

    private async Task ObserveAsync()
    {
        if (_node is null || Settings.Destination.Length == 0)
        {
            return;
        }

        HealthObservation observation = Health.Observe(Settings, time.GetUtcNow());
        await GrainFactory.GetGrain<IPlatformHealthGrain>(0).ObserveAsync([observation]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backup schedule could not run or report its health; it tries again at the next wake")]
    private partial void LogWakeFailed(Exception exception);
}
