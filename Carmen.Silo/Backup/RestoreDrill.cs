using System.Diagnostics;
using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Backups;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Rollouts;
using Carmen.Silo.Hosting;
using Carmen.Silo.Integrity;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Backup;

/// <summary>
/// A restore drill: verifies a backup, restores it into a scratch directory, compares the state with the manifest,
/// and reads it back with Carmen's own stores (a tenant's devices through the device index, the newest rollout through
/// the grain-state serializer, a series through the telemetry history, every audit chain through the chain verifier). The result is appended to the backup's
/// drills.jsonl; the scratch directory is removed either way.
/// </summary>
public static class RestoreDrill
{
    /// <summary>The file in a backup's directory its drills are appended to, one JSON line each.</summary>
    public const string FileName = "drills.jsonl";

    private const string RolloutStateName = "rollout";

    private static readonly JsonSerializerOptions s_line = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Drills <paramref name="backup"/>; a PostgreSQL backup restores into a scratch database on <paramref name="cluster"/>'s
    /// server (the node's configuration: Carmen:Storage=Postgres and its connection string).
    /// </summary>
    public static async Task<BackupDrill> RunAsync(string backup, byte[]? backupKey, string? fingerprint, DateTimeOffset now, CancellationToken cancellationToken, NodeDirectories? cluster = null)
    {
        var clock = Stopwatch.StartNew();
        string scratch = Path.Combine(Path.GetTempPath(), "carmen-drill", Guid.NewGuid().ToString("N"));
        var checks = new List<string>();
        (BackupManifest? manifest, _, IReadOnlyList<string> problems) = BackupVerifier.Verify(backup, fingerprint);
        string? reason = null;
        try
        {
            if (manifest is null || problems.Count > 0)
            {
                reason = $"the backup does not verify: {string.Join("; ", problems)}";
            }
            else if (manifest.Profile == PostgresBackup.Profile)
            {
                reason = cluster?.ConnectionString is string server
                    ? await PostgresDrill.RunAsync(manifest, backup, server, cluster.PostgresTools, checks, cancellationToken)
                    : "a PostgreSQL backup is drilled on a PostgreSQL server: run the drill with the cluster's configuration (Carmen:Storage=Postgres, ConnectionStrings:Carmen)";
            }
            else if (manifest.KeysIncluded && backupKey is null)
            {
                reason = "the backup's key ring is encrypted and no backup key was given";
            }
            else
            {
                EmbeddedRestore.Apply(manifest, backup, new NodeDirectories(StorageKind.Embedded, scratch, Path.Combine(scratch, "artifacts")), backupKey);
                IReadOnlyList<string> differences = StateDifferences.Between(manifest.State, StateSummary.Read(scratch));
                reason = differences.Count > 0 ? $"the restored state differs from the manifest: {string.Join("; ", differences)}" : await ReadBackAsync(scratch, checks, cancellationToken);
            }
        }
        catch (Exception failure) when (failure is IOException or InvalidDataException or SqliteException or System.Security.Cryptography.CryptographicException or JsonException
            or Npgsql.NpgsqlException or InvalidOperationException)
        {
            reason = $"the restore failed: {failure.Message}";
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        var result = new BackupDrill(now, reason is null, reason, Math.Round(clock.Elapsed.TotalSeconds, 2),
            manifest is null ? 0 : Math.Round((now - manifest.CreatedAt).TotalSeconds), checks);
        if (Directory.Exists(backup))
        {
            await File.AppendAllTextAsync(Path.Combine(backup, RestoreDrill.FileName), JsonSerializer.Serialize(result, s_line) + "\n", cancellationToken);
        }

        return result;
    }

    /// <summary>Null when every read succeeded; otherwise what did not.</summary>
    private static async Task<string?> ReadBackAsync(string scratch, List<string> checks, CancellationToken cancellationToken)
    {
        using var logging = LoggerFactory.Create(_ => { });
        IOptions<SqliteOptions> sqlite = Options.Create(new SqliteOptions());
        await using (var state = new SqliteDatabase(scratch, sqlite, logging.CreateLogger<SqliteDatabase>()))
        {
            if (Sample(state.Path, "SELECT tenant_id, count(*) FROM devices WHERE status <> @decommissioned GROUP BY tenant_id ORDER BY 2 DESC LIMIT 1") is (string tenant, long inService))
            {
                long counted = (await new SqliteDeviceIndex(state).CountByClusterAndStatusAsync(tenant, cancellationToken))
                    .Where(row => row.Status != DeviceStatus.Decommissioned).Sum(row => row.Count);
                if (counted != inService)
                {
                    return $"the device index counts {counted} devices in service for tenant {tenant}; its rows say {inService}";
                }

                checks.Add($"devices of tenant {tenant}: {counted}");
            }
        }

        using (var states = StoredGrainStates.Embedded(Path.Combine(scratch, SqliteDatabase.FileName)))
        {
            ReadNewestRollout(states, checks);
        }

        await using (var telemetry = new SqliteDatabase(scratch, SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations, sqlite, logging.CreateLogger<SqliteDatabase>()))
        {
            if (Series(telemetry.Path) is (DeviceKey device, string key, long from, long to, long points))
            {
                IReadOnlyList<HistoryPoint> read = await new SqliteTelemetryHistory(telemetry).ReadAsync(device, new HistoryQuery(key, from, to + 1, TelemetryAggregation.None, 0, 100_000), cancellationToken);
                if (read.Count == 0 || read.Count > points)
                {
                    return $"the history of {device}/{key} reads {read.Count} points; its chunks hold {points}";
                }

                checks.Add($"history of {device}/{key}: {read.Count} points");
            }
        }

        foreach ((string chain, AuditVerification verified) in await StoredAuditChains.VerifyAsync(scratch, cancellationToken))
        {
            if (!verified.Intact)
            {
                return $"the audit chain {chain} is broken at record {verified.FirstBrokenRecordId}: {verified.Problem}";
            }

            checks.Add($"audit chain {chain}: {verified.Records} records intact");
        }

        return null;
    }

    /// <summary>
    /// The newest rollout, read with this Carmen's serializer: a rollout that does not deserialize fails the drill here,
    /// not the restored node at its first request.
    /// </summary>
    internal static void ReadNewestRollout(StoredGrainStates states, List<string> checks)
    {
        List<(string Key, RolloutState State)> rollouts = [.. states.Read<RolloutState>(RolloutStateName)];
        if (rollouts.Count > 0)
        {
            (string rollout, RolloutState newest) = rollouts.MaxBy(stored => stored.State.CreatedAt);
            checks.Add($"rollout {rollout}: {newest.Status}, {newest.Groups.Count} groups");
        }
    }

    private static (string Tenant, long Count)? Sample(string path, string sql)
    {
        using SqliteConnection connection = StateSummary.OpenReadOnly(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@decommissioned", (int)DeviceStatus.Decommissioned);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    /// <summary>The series with the most points: its device, key, span and points.</summary>
    private static (DeviceKey Device, string Key, long From, long To, long Points)? Series(string path)
    {
        using SqliteConnection connection = StateSummary.OpenReadOnly(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.tenant_id, s.device_id, s.key, min(c.first_ts), max(c.last_ts), sum(c.points)
            FROM telemetry_series s JOIN telemetry_chunks c ON c.series_id = s.id
            GROUP BY s.id ORDER BY 6 DESC LIMIT 1
            """;
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? (new DeviceKey(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)) : null;
    }
}
