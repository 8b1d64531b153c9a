namespace Carmen.Silo.Backup;

/// <summary>
/// One restore drill of a backup: whether it passed and why not, how long the restore took (the recovery time it
/// measured) and how old the backup was (the data-loss window a restore of it would have meant), and what it read.
/// </summary>
public sealed record DrillResult(DateTimeOffset At, bool Passed, string? Reason, double RestoreSeconds, double BackupAgeSeconds, IReadOnlyList<string> Checks)
{
    public const string FileName = "drills.jsonl";
}
