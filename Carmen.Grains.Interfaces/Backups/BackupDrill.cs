namespace Carmen.Grains.Interfaces.Backups;

/// <summary>
/// One restore drill of a backup: whether it passed and why not, how long the restore took (the recovery time it
/// measured), how old the backup was then (the data-loss window), and what it read back.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupDrill")]
public sealed record BackupDrill(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] bool Passed,
    [property: Id(2)] string? Reason,
    [property: Id(3)] double RestoreSeconds,
    [property: Id(4)] double BackupAgeSeconds,
    [property: Id(5)] IReadOnlyList<string> Checks);
