namespace Carmen.Grains.Interfaces.Backups;

/// <summary>What a <see cref="BackupRun"/> does.</summary>
[GenerateSerializer, Alias("Carmen.BackupRunKind")]
public enum BackupRunKind
{
    /// <summary>Takes a backup.</summary>
    Backup,

    /// <summary>Restores a backup into a scratch directory and reads it back.</summary>
    Drill,
}
