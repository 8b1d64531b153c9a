namespace Carmen.Grains.Interfaces.Backups;

/// <summary>
/// When and where the platform is backed up: <see cref="Schedule"/> and <see cref="DrillSchedule"/> are cron
/// expressions (5 fields, or 6 with seconds first; empty: none) read in <see cref="TimeZone"/> (IANA);
/// <see cref="Destination"/> is the repository directory; <see cref="KeyFile"/> holds the backup key that encrypts the
/// key ring; <see cref="MaxAge"/> and <see cref="MaxDrillAge"/> are how old the newest successful backup and the
/// newest passed drill may be before the platform alert "Backups failing" is raised (null: no limit).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupSettings")]
public sealed record BackupSettings(
    [property: Id(0)] string Schedule,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] string Destination,
    [property: Id(3)] string KeyFile,
    [property: Id(4)] BackupRetentionPolicy Retention,
    [property: Id(5)] string DrillSchedule,
    [property: Id(6)] TimeSpan? MaxAge,
    [property: Id(7)] TimeSpan? MaxDrillAge);
