using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Contracts;

/// <summary>
/// The result of walking a chain: how many records and checkpoints, whether all hold, the first record that does not
/// and why; unsignedTail counts the latest records not yet under a checkpoint.
/// </summary>
public sealed record AuditVerificationResponse(
    long Records,
    bool Intact,
    long? FirstBrokenRecordId,
    string? Problem,
    int Checkpoints,
    long FirstRecordId,
    long LastRecordId,
    long UnsignedTail)
{
    public static AuditVerificationResponse From(AuditVerification verification) => new(
        verification.Records, verification.Intact, verification.FirstBrokenRecordId, verification.Problem, verification.Checkpoints,
        verification.FirstRecordId, verification.LastRecordId, verification.UnsignedTail);
}
