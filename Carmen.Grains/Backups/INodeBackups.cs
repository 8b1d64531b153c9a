using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Grains.Backups;

/// <summary>
/// The node's side of backups, implemented by a silo that can take them (the embedded profile): it reads and writes
/// the repository and the node's own files, off the grain's thread. Absent on a silo that cannot.
/// </summary>
public interface INodeBackups
{
    /// <summary>The settings of the node's configuration, in force until settings are set through the API.</summary>
    BackupSettings Configured { get; }

    /// <summary>Throws a validation error naming the field when the node cannot use a path the settings name.</summary>
    void ValidatePaths(BackupSettings settings);

    /// <summary>Takes a backup named by <paramref name="now"/> into the destination, then applies the retention.</summary>
    Task<BackupSummary> TakeAsync(BackupSettings settings, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The repository's backups, newest first.</summary>
    Task<IReadOnlyList<BackupSummary>> ListAsync(string destination, CancellationToken cancellationToken);

    /// <summary>One backup of the repository; null when there is none by that id.</summary>
    Task<BackupDetails?> FindAsync(string destination, string backupId, CancellationToken cancellationToken);

    /// <summary>Verifies a backup and records the result with it.</summary>
    Task<BackupVerification> VerifyAsync(string destination, string backupId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Restores a backup into a scratch directory, reads it back, and records the drill with it.</summary>
    Task<BackupDrill> DrillAsync(BackupSettings settings, string backupId, DateTimeOffset now, CancellationToken cancellationToken);
}
