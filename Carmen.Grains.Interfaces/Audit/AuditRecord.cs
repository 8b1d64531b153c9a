namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// A record of the trail: its number in its chain (1, 2, ...), when it was written, what it tells, and the chain links:
/// the SHA-256 of the record before it and its own, both lower-case hex.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] AuditEntry Entry,
    [property: Id(3)] string PreviousHash,
    [property: Id(4)] string Hash);
