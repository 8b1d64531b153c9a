namespace Carmen.Grains.Interfaces.Backups;

/// <summary>
/// One backup: <see cref="Status"/> is running or failed while only its run knows it, and succeeded once it is in the
/// repository; then <see cref="Summary"/>, the state its manifest records (counts, and telemetry points per day), the
/// stores' schema versions, the signing key's fingerprint, and every verification and drill (oldest first) are set.
/// <see cref="Runs"/> are the runs about it since the node started.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.BackupDetails")]
public sealed record BackupDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] BackupRunStatus Status,
    [property: Id(2)] string? Error,
    [property: Id(3)] BackupSummary? Summary,
    [property: Id(4)] IReadOnlyDictionary<string, long> Counts,
    [property: Id(5)] IReadOnlyDictionary<string, long> TelemetryPointsPerDay,
    [property: Id(6)] IReadOnlyDictionary<string, long> SchemaVersions,
    [property: Id(7)] string? Fingerprint,
    [property: Id(8)] IReadOnlyList<BackupVerification> Verifications,
    [property: Id(9)] IReadOnlyList<BackupDrill> Drills,
    [property: Id(10)] IReadOnlyList<BackupRun> Runs)
{
    /// <summary>A backup only its run knows of: running, or failed before it reached the repository.</summary>
    public static BackupDetails Pending(BackupRun run, IReadOnlyList<BackupRun> runs) => WithoutManifest(run.Id, run.Status, run.Error, [], runs);

    /// <summary>A backup whose manifest is not (or not yet) there to read: its status, why, and what is known of it.</summary>
    public static BackupDetails WithoutManifest(string id, BackupRunStatus status, string? error, IReadOnlyList<BackupVerification> verifications, IReadOnlyList<BackupRun> runs) =>
        new(id, status, error, null, new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>(), null, verifications, [], runs);
}
