namespace Carmen.Grains.Interfaces.Backups;

/// <summary>Where a <see cref="BackupRun"/> stands.</summary>
[GenerateSerializer, Alias("Carmen.BackupRunStatus")]
public enum BackupRunStatus
{
    /// <summary>Still running.</summary>
    Running,

    /// <summary>Done: the backup was taken, or the drill passed.</summary>
    Succeeded,

    /// <summary>Done, and it failed; the run says why.</summary>
    Failed,
}
