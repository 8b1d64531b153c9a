namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// What a walk over a chain found: how many records and checkpoints it checked and either that all of them hold or
/// the first record that breaks the chain and why. <see cref="UnsignedTail"/> counts records after the last checkpoint,
/// chained but not yet signed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditVerification")]
public sealed record AuditVerification(
    [property: Id(0)] long Records,
    [property: Id(1)] int Checkpoints,
    [property: Id(2)] bool Intact,
    [property: Id(3)] long? FirstBrokenRecordId,
    [property: Id(4)] string? Problem,
    [property: Id(5)] long FirstRecordId,
    [property: Id(6)] long LastRecordId,
    [property: Id(7)] long UnsignedTail);
