namespace Carmen.Grains.Interfaces.Backups;

/// <summary>
/// A backup in the repository as its manifest tells it: when it was taken, by which Carmen and profile, its files
/// (count and bytes, artifacts apart), whether the key ring is in it, and the newest verification and drill.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupSummary")]
public sealed record BackupSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] string CarmenVersion,
    [property: Id(3)] string Profile,
    [property: Id(4)] int Files,
    [property: Id(5)] long Bytes,
    [property: Id(6)] int Artifacts,
    [property: Id(7)] long ArtifactBytes,
    [property: Id(8)] bool KeysIncluded,
    [property: Id(9)] BackupVerification? LastVerification,
    [property: Id(10)] BackupDrill? LastDrill);
