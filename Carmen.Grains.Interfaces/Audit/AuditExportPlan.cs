namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// What an export of a period holds: records <see cref="FirstRecordId"/> to <see cref="LastRecordId"/> (read in pages
/// with <see cref="IAuditTrailGrain.ReadStoredAsync"/>), the checkpoints over them and the public keys that signed
/// those: enough to verify the period with no access to Carmen. Empty when <see cref="FirstRecordId"/> is above
/// <see cref="LastRecordId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditExportPlan")]
public sealed record AuditExportPlan(
    [property: Id(0)] string Chain,
    [property: Id(1)] long FirstRecordId,
    [property: Id(2)] long LastRecordId,
    [property: Id(3)] IReadOnlyList<AuditCheckpoint> Checkpoints,
    [property: Id(4)] IReadOnlyList<AuditPublicKey> PublicKeys);
