namespace Carmen.Grains.Interfaces.Backups;

/// <summary>One verification of a backup: when, whether every file and the signature checked out, and each problem by file.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupVerification")]
public sealed record BackupVerification(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] bool Intact,
    [property: Id(2)] IReadOnlyList<string> Problems);
