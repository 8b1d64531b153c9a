using System.Diagnostics;
using System.Text.Json;
using Carmen.Grains.Interfaces.Backups;
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
        await using var state = new SqliteDatabase(scratch, sqlite, logging.CreateLogger<SqliteDatabase>());
        await using var telemetry = new SqliteDatabase(scratch, SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations, sqlite, logging.CreateLogger<SqliteDatabase>());
        using var states = StoredGrainStates.Embedded(state.Path);
        return await new DrillReadBack
        {
            OpenState = () => StateSummary.OpenReadOnly(state.Path),
            OpenTelemetry = () => StateSummary.OpenReadOnly(telemetry.Path),
            Index = new SqliteDeviceIndex(state),
            States = states,
            History = new SqliteTelemetryHistory(telemetry),
            VerifyAuditChains = token => StoredAuditChains.VerifyAsync(scratch, token),
        }.RunAsync(checks, cancellationToken);
    }
}
