namespace Carmen.Grains.Interfaces.Backups;

/// <summary>
/// A backup or drill the platform runs or ran: <see cref="Id"/> is the backup's (its time, UTC, as the repository
/// names it); <see cref="Error"/> says why it failed; <see cref="Bytes"/> and <see cref="Seconds"/> are set once done.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupRun")]
public sealed record BackupRun(
    [property: Id(0)] string Id,
    [property: Id(1)] BackupRunKind Kind,
    [property: Id(2)] BackupRunStatus Status,
    [property: Id(3)] BackupTrigger Trigger,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset? FinishedAt,
    [property: Id(6)] long? Bytes,
    [property: Id(7)] double? Seconds,
    [property: Id(8)] string? Error);
