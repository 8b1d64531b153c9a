namespace Carmen.Silo.Backup;

/// <summary>
/// The state a backup holds, summarised so a restore can be checked against it: row counts (grain states by kind,
/// devices, alerts, audit records, telemetry chunks...), a SHA-256 over each table's rows in key order, and the
/// telemetry points per day (UTC).
/// </summary>
public sealed record BackupState(
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyDictionary<string, string> Checksums,
    IReadOnlyDictionary<string, long> TelemetryPointsPerDay);
