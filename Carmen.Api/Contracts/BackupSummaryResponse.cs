using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>A backup in the repository: when, by which Carmen and profile, its files and artifacts, the newest verification and drill.</summary>
public sealed record BackupSummaryResponse(
    string Id, DateTimeOffset CreatedAt, string CarmenVersion, string Profile, int Files, long Bytes, int Artifacts, long ArtifactBytes, bool KeysIncluded,
    BackupVerificationResponse? LastVerification, BackupDrillResponse? LastDrill)
{
    public static BackupSummaryResponse From(BackupSummary backup) => new(
        backup.Id, backup.CreatedAt, backup.CarmenVersion, backup.Profile, backup.Files, backup.Bytes, backup.Artifacts, backup.ArtifactBytes, backup.KeysIncluded,
        backup.LastVerification is { } verification ? BackupVerificationResponse.From(verification) : null,
        backup.LastDrill is { } drill ? BackupDrillResponse.From(drill) : null);
}
