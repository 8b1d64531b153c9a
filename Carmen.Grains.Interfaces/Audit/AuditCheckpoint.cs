namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// A signed statement that record <see cref="RecordId"/> of <see cref="Chain"/> had hash <see cref="RecordHash"/> at
/// <see cref="At"/>: Ed25519 by key <see cref="KeyId"/> over <c>AuditCheckpointText</c>. It vouches for every record up
/// to it, since each record carries the hash of the one before.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditCheckpoint")]
public sealed record AuditCheckpoint(
    [property: Id(0)] string Chain,
    [property: Id(1)] long RecordId,
    [property: Id(2)] string RecordHash,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string KeyId,
    [property: Id(5)] byte[] Signature);
