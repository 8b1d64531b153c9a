using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>
/// One backup: status "running" or "failed" while only its run knows it, "succeeded" once in the repository; then the
/// manifest's summary, state counts, telemetry points per day, schema versions and signing key fingerprint, and its
/// verifications and drills (oldest first). Runs are those about it since the node started.
/// </summary>
public sealed record BackupDetailsResponse(
    string Id, string Status, string? Error, BackupSummaryResponse? Backup, Dictionary<string, long> Counts, Dictionary<string, long> TelemetryPointsPerDay,
    Dictionary<string, long> SchemaVersions, string? Fingerprint, List<BackupVerificationResponse> Verifications, List<BackupDrillResponse> Drills,
    List<BackupRunResponse> Runs)
{
    public static BackupDetailsResponse From(BackupDetails backup) => new(
        backup.Id, BackupRunResponse.StatusName(backup.Status), backup.Error, backup.Summary is { } summary ? BackupSummaryResponse.From(summary) : null,
        new(backup.Counts), new(backup.TelemetryPointsPerDay), new(backup.SchemaVersions), backup.Fingerprint,
        [.. backup.Verifications.Select(BackupVerificationResponse.From)], [.. backup.Drills.Select(BackupDrillResponse.From)], [.. backup.Runs.Select(BackupRunResponse.From)]);
}
