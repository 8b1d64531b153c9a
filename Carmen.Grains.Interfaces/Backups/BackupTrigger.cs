namespace Carmen.Grains.Interfaces.Backups;

/// <summary>Who started a <see cref="BackupRun"/>.</summary>
[GenerateSerializer, Alias("Carmen.BackupTrigger")]
public enum BackupTrigger
{
    /// <summary>An operator, through the API.</summary>
    Manual,

    /// <summary>The schedule in the backup settings.</summary>
    Schedule,
}
