namespace Carmen.Grains.Interfaces.Backups;

/// <summary>
/// The platform's backups (key 0): its settings (schedule, destination, retention, drills, limits), backups taken now
/// or on the schedule, their verification and restore drills, and the platform alert "Backups failing". The backups
/// themselves live in the destination repository, which stays the record of what exists.
/// </summary>
[Alias("Carmen.IPlatformBackupsGrain")]
public interface IPlatformBackupsGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the schedule; every silo that can take backups calls it at start.</summary>
    [Alias("Start")]
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>The settings in force: those set through the API, or else the node's configuration.</summary>
    [Alias("GetSettings")]
    Task<BackupSettings> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Validates and stores the settings (each fault names its field) and reschedules at once.</summary>
    [Alias("UpdateSettings")]
    Task<BackupSettings> UpdateSettingsAsync(BackupSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Starts a backup now; it runs on and its outcome shows in <see cref="ListAsync"/>. Refused while one runs.</summary>
    [Alias("Run")]
    Task<BackupRun> RunAsync(CancellationToken cancellationToken = default);

    /// <summary>The repository's backups, newest first, after the runs in progress or failed since the node started.</summary>
    [Alias("List")]
    Task<BackupListing> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One backup: its manifest's summary, verifications and drills; null when there is none by that id.</summary>
    [Alias("Get")]
    Task<BackupDetails?> GetAsync(string backupId, CancellationToken cancellationToken = default);

    /// <summary>Re-reads the backup and checks its signature and every file; the result is kept with the backup.</summary>
    [Alias("Verify")]
    Task<BackupVerification> VerifyAsync(string backupId, CancellationToken cancellationToken = default);

    /// <summary>Starts a restore drill of the backup into a scratch directory; its result shows in <see cref="GetAsync"/>.</summary>
    [Alias("Drill")]
    Task<BackupRun> DrillAsync(string backupId, CancellationToken cancellationToken = default);
}
