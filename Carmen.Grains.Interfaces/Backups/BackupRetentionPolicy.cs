namespace Carmen.Grains.Interfaces.Backups;

/// <summary>
/// Which backups a repository keeps: the newest <see cref="KeepLast"/>, and the newest of each of the last
/// <see cref="Daily"/> days, <see cref="Weekly"/> ISO weeks and <see cref="Monthly"/> months that have one (days read
/// in the settings' time zone). A backup any rule keeps is kept; the rest are deleted with the artifacts only they held.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupRetentionPolicy")]
public sealed record BackupRetentionPolicy(
    [property: Id(0)] int KeepLast,
    [property: Id(1)] int Daily,
    [property: Id(2)] int Weekly,
    [property: Id(3)] int Monthly);
