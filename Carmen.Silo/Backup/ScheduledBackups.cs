using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Carmen.Api.Updates;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Silo.Hosting;
using Cronos;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Backup;

/// <summary>
/// Backs the node up on its schedule (<see cref="BackupOptions"/>) into the destination repository, keeps the newest
/// <see cref="BackupOptions.KeepLast"/>, drills the newest backup on the drill schedule, and reports: the metrics
/// carmen.backups (by outcome), carmen.backup.duration, carmen.backup.last_success, carmen.backup.size and
/// carmen.backup.drills (by outcome), and the platform check "Backups failing", observed every minute, which fails after
/// a failed backup or drill, or once the newest successful backup is older than <see cref="BackupOptions.MaxAge"/>.
/// </summary>
internal sealed partial class ScheduledBackups(
    IOptions<BackupOptions> options,
    IOptions<CarmenOptions> carmen,
    IOptions<ArtifactOptions> artifacts,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<ScheduledBackups> logger) : BackgroundService
{
    private static readonly TimeSpan s_observeEvery = TimeSpan.FromMinutes(1);
    private static readonly LiveInstances<ScheduledBackups> s_running = new();
    private static readonly Counter<long> s_backups = CarmenDiagnostics.Meter.CreateCounter<long>("carmen.backups", "{backup}", "Scheduled backups, by outcome.");
    private static readonly Counter<long> s_drills = CarmenDiagnostics.Meter.CreateCounter<long>("carmen.backup.drills", "{drill}", "Scheduled restore drills, by outcome.");
    private static readonly Histogram<double> s_duration = CarmenDiagnostics.Meter.CreateHistogram<double>("carmen.backup.duration", "s", "How long a scheduled backup took.");
    private static readonly ObservableGauge<long> s_lastSuccess = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.backup.last_success", () => s_running.All.Select(backups => new Measurement<long>(backups._lastSuccess?.ToUnixTimeSeconds() ?? 0)), "s",
        "When the newest successful backup was taken (Unix seconds; 0: none yet).");
    private static readonly ObservableGauge<long> s_size = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.backup.size", () => s_running.All.Select(backups => new Measurement<long>(backups._lastSize)), "By", "The size of the newest successful backup's files.");

    private DateTimeOffset _since;
    private DateTimeOffset? _lastSuccess;
    private long _lastSize;
    private string? _lastError;
    private string? _lastDrillFailure;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        s_running.Add(this);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        s_running.Remove(this);
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="schedule"/> is a cron expression of 5 fields, or 6 with seconds.</summary>
    public static bool IsSchedule(string schedule) => CronExpression.TryParse(schedule, Format(schedule), out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BackupOptions backup = options.Value;
        CronExpression cron = CronExpression.Parse(backup.Schedule, Format(backup.Schedule));
        CronExpression? drills = backup.DrillSchedule.Length > 0 ? CronExpression.Parse(backup.DrillSchedule, Format(backup.DrillSchedule)) : null;
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(backup.TimeZone);
        _since = time.GetUtcNow();
        _lastSuccess = NewestInRepository(backup.Destination);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                DateTimeOffset now = time.GetUtcNow();
                DateTimeOffset? next = cron.GetNextOccurrence(now, zone);
                DateTimeOffset? nextDrill = drills?.GetNextOccurrence(now, zone);
                DateTimeOffset wake = new[] { next, nextDrill, now + s_observeEvery }.OfType<DateTimeOffset>().Min();
                await Task.Delay(wake - now, time, stoppingToken);
                if (next is DateTimeOffset occurrence && time.GetUtcNow() >= occurrence)
                {
                    await BackUpAsync(backup);
                }

                if (nextDrill is DateTimeOffset drillDue && time.GetUtcNow() >= drillDue)
                {
                    await DrillAsync(backup, stoppingToken);
                }

                await ObserveAsync(backup, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task BackUpAsync(BackupOptions backup)
    {
        var started = Stopwatch.StartNew();
        try
        {
            byte[]? key = KeyArchive.ReadBackupKey(backup.KeyFile);
            var node = new NodeDirectories(StorageKind.Embedded, Path.GetFullPath(carmen.Value.DataDirectory), Path.GetFullPath(artifacts.Value.EffectiveDirectory));
            (BackupManifest manifest, _, string fingerprint) = await Task.Run(() => EmbeddedBackup.Take(node, Path.GetFullPath(backup.Destination), key, time.GetUtcNow()));
            IReadOnlyList<string> removed = BackupRetention.Apply(Path.GetFullPath(backup.Destination), backup.KeepLast);
            (_lastSuccess, _lastSize, _lastError) = (manifest.CreatedAt, manifest.Files.Sum(file => file.Size), null);
            s_backups.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));
            s_duration.Record(started.Elapsed.TotalSeconds);
            LogTaken(manifest.Id, _lastSize, started.Elapsed.TotalSeconds, fingerprint, removed.Count);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException
            or Microsoft.Data.Sqlite.SqliteException or JsonException or InvalidDataException)
        {
            _lastError = failure.Message;
            s_backups.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            LogFailed(failure, backup.Destination);
        }
    }

    /// <summary>Restores the newest backup into a scratch directory and reads it back; its result goes into the backup's drills.jsonl.</summary>
    private async Task DrillAsync(BackupOptions backup, CancellationToken cancellationToken)
    {
        if (BackupManifest.InRepository(backup.Destination) is not [.., string newest])
        {
            return; // nothing to drill yet
        }

        byte[]? key = KeyArchive.ReadBackupKey(backup.KeyFile);
        string backupId = Path.GetFileName(newest);
        DrillResult result = await Task.Run(() => RestoreDrill.RunAsync(newest, key, null, time.GetUtcNow(), cancellationToken), cancellationToken);
        _lastDrillFailure = result.Passed ? null : $"{backupId}: {result.Reason}";
        s_drills.Add(1, new KeyValuePair<string, object?>("outcome", result.Passed ? "passed" : "failed"));
        LogDrilled(backupId, result.Passed, result.RestoreSeconds, result.BackupAgeSeconds, result.Reason);
    }

    private async Task ObserveAsync(BackupOptions backup, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        TimeSpan age = now - (_lastSuccess ?? _since);
        bool failing = _lastError is not null || _lastDrillFailure is not null || age > backup.MaxAge;
        string detail = _lastError is string error
            ? $"The last scheduled backup to {backup.Destination} failed: {error}"
            : _lastDrillFailure is string drill
            ? $"The last restore drill failed: {drill}"
            : failing
                ? $"No successful backup to {backup.Destination} for {age.TotalHours:N1} h (the limit is {backup.MaxAge.TotalHours:N1} h)."
                : $"The newest backup to {backup.Destination} is {age.TotalHours:N1} h old.";
        try
        {
            await grains.GetGrain<IPlatformHealthGrain>(0).ObserveAsync([new HealthObservation(PlatformHealthCheck.BackupFailing, backup.Destination, failing, detail)], cancellationToken);
        }
        catch (Exception unreachable) when (unreachable is not OperationCanceledException)
        {
            LogObserveFailed(unreachable); // observed again in a minute
        }
    }

    /// <summary>When the repository's newest backup was taken, so a restarted node does not start from "never".</summary>
    private static DateTimeOffset? NewestInRepository(string repository)
    {
        try
        {
            return BackupManifest.InRepository(repository) is [.., string newest] ? BackupManifest.Read(newest).CreatedAt : null;
        }
        catch (Exception unreadable) when (unreadable is JsonException or InvalidDataException)
        {
            return null; // an unreadable newest manifest counts as no backup: the age check then starts from now
        }
    }

    private static CronFormat Format(string schedule) =>
        schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} taken: {Bytes} bytes in {Seconds:N1} s, signed by key {Fingerprint}; {Removed} old backup(s) removed")]
    private partial void LogTaken(string backupId, long bytes, double seconds, string fingerprint, int removed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restore drill of backup {BackupId}: passed {Passed}, restored in {Seconds:N1} s, backup {AgeSeconds:N0} s old; {Reason}")]
    private partial void LogDrilled(string backupId, bool passed, double seconds, double ageSeconds, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled backup to {Destination} failed")]
    private partial void LogFailed(Exception exception, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backup check could not reach the platform health grain")]
    private partial void LogObserveFailed(Exception exception);
}
