namespace Carmen.Grains.Interfaces.Backups;

/// <summary>What <see cref="IPlatformBackupsGrain.ListAsync"/> shows: the backups' health, the runs since the node started, and the repository's backups.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupListing")]
public sealed record BackupListing(
    [property: Id(0)] IReadOnlyList<BackupRun> Runs,
    [property: Id(1)] IReadOnlyList<BackupSummary> Backups,
    [property: Id(2)] BackupHealthSummary Health);
