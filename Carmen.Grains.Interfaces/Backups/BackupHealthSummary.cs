namespace Carmen.Grains.Interfaces.Backups;

/// <summary>
/// The backups' health as the platform check "Backups failing" sees it: the newest successful backup and its size, the
/// newest intact verification and passed drill (null: none known), whether the check fails, and what it says.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupHealthSummary")]
public sealed record BackupHealthSummary(
    [property: Id(0)] DateTimeOffset? LastSuccessAt,
    [property: Id(1)] long LastSizeBytes,
    [property: Id(2)] DateTimeOffset? LastVerifiedAt,
    [property: Id(3)] DateTimeOffset? LastDrillPassedAt,
    [property: Id(4)] bool Failing,
    [property: Id(5)] string Detail);
