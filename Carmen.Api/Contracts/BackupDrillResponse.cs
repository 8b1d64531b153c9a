using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>
/// A restore drill: whether it passed and why not, the restore time in seconds (the recovery time measured), the
/// backup's age in seconds then (the data-loss window), and what it read back.
/// </summary>
public sealed record BackupDrillResponse(DateTimeOffset At, bool Passed, string? Reason, double RestoreSeconds, double BackupAgeSeconds, List<string> Checks)
{
    public static BackupDrillResponse From(BackupDrill drill) => new(drill.At, drill.Passed, drill.Reason, drill.RestoreSeconds, drill.BackupAgeSeconds, [.. drill.Checks]);
}
