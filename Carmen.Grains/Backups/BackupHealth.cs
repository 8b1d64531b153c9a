using Carmen.Grains.Interfaces.Backups;
using Carmen.Grains.Interfaces.Platform;

namespace Carmen.Grains.Backups;

/// <summary>
/// What the platform knows of its backups' health since the node started: the newest success of each kind, the newest
/// size, and the failures still standing. <see cref="Observe"/> turns it into the platform check "Backups failing".
/// </summary>
internal sealed class BackupHealth(DateTimeOffset since)
{
    public DateTimeOffset? LastSuccess { get; set; }

    public DateTimeOffset? LastVerified { get; set; }

    public DateTimeOffset? LastDrillPassed { get; set; }

    public long LastSize { get; set; }

    /// <summary>Why the last backup failed; cleared by the next that succeeds.</summary>
    public string? BackupError { get; set; }

    /// <summary>Which backup's drill failed and why; cleared by the next drill that passes.</summary>
    public string? DrillFailure { get; set; }

    /// <summary>The backup that failed its last verification and its problems; cleared when it verifies or is gone.</summary>
    public (string BackupId, string Problems)? VerifyFailure { get; set; }

    public BackupHealthSummary Summarize(BackupSettings settings, DateTimeOffset now)
    {
        HealthObservation observation = Observe(settings, now);
        return new BackupHealthSummary(LastSuccess, LastSize, LastVerified, LastDrillPassed, observation.Failing, observation.Summary);
    }

    public HealthObservation Observe(BackupSettings settings, DateTimeOffset now)
    {
        TimeSpan backupAge = now - (LastSuccess ?? since);
        TimeSpan drillAge = now - (LastDrillPassed ?? since);
        string? failure = BackupError is string error ? $"The last backup to {settings.Destination} failed: {error}"
            : DrillFailure is string drill ? $"The last restore drill failed: {drill}"
            : VerifyFailure is (string id, string problems) ? $"Backup {id} does not verify: {problems}"
            : settings.MaxAge is TimeSpan maxAge && backupAge > maxAge ? $"No successful backup to {settings.Destination} for {backupAge.TotalHours:N1} h (the limit is {maxAge.TotalHours:N1} h)."
            : settings.MaxDrillAge is TimeSpan maxDrillAge && drillAge > maxDrillAge ? $"No passed restore drill for {drillAge.TotalHours:N1} h (the limit is {maxDrillAge.TotalHours:N1} h)."
            : null;
        return new HealthObservation(PlatformHealthCheck.BackupFailing, settings.Destination, failure is not null,
            failure ?? $"The newest backup to {settings.Destination} is {backupAge.TotalHours:N1} h old.");
    }
}
