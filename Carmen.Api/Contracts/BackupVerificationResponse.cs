using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>A verification of a backup: when, whether the signature and every file checked out, and each problem naming its file.</summary>
public sealed record BackupVerificationResponse(DateTimeOffset At, bool Intact, List<string> Problems)
{
    public static BackupVerificationResponse From(BackupVerification verification) => new(verification.At, verification.Intact, [.. verification.Problems]);
}
