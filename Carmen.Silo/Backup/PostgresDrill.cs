using Carmen.Silo.Integrity;
using Carmen.Silo.Storage.Postgres;
using Npgsql;

namespace Carmen.Silo.Backup;

/// <summary>
/// The restore drill of a PostgreSQL backup: a scratch database on the cluster's server (never Carmen's own), the dump
/// restored into it, its state compared with the manifest, then read back with Carmen's own stores (a tenant's devices
/// through the device index, the newest rollout through the grain-state serializer, the largest series through the
/// history, every audit chain through the chain verifier); the scratch database is dropped either way.
/// </summary>
public static class PostgresDrill
{
    /// <summary>Null when the restore matched and every read succeeded; otherwise why not.</summary>
    public static async Task<string?> RunAsync(BackupManifest manifest, string backup, string server, PostgresTools tools, List<string> checks, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        string scratchName = $"carmen_drill_{Guid.NewGuid():N}";
        string scratch = new NpgsqlConnectionStringBuilder(server) { Database = scratchName, Pooling = false }.ConnectionString;
        string artifacts = Path.Combine(Path.GetTempPath(), "carmen-drill", scratchName);
        await ExecuteAsync(maintenance.ConnectionString, $"CREATE DATABASE \"{scratchName}\"", cancellationToken);
        try
        {
            IReadOnlyList<string> differences = await PostgresBackup.RestoreAsync(manifest, backup, scratch, artifacts, tools, cancellationToken);
            return differences.Count > 0 ? $"the restored state differs from the manifest: {string.Join("; ", differences)}" : await ReadBackAsync(scratch, checks, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(maintenance.ConnectionString, $"DROP DATABASE IF EXISTS \"{scratchName}\" WITH (FORCE)", CancellationToken.None);
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }

    private static async Task<string?> ReadBackAsync(string scratch, List<string> checks, CancellationToken cancellationToken)
    {
        await using NpgsqlDataSource database = NpgsqlDataSource.Create(scratch);
        using var states = StoredGrainStates.Postgres(scratch);
        return await new DrillReadBack
        {
            OpenState = () => database.OpenConnection(),
            OpenTelemetry = () => database.OpenConnection(),
            Index = new PostgresDeviceIndex(database),
            States = states,
            History = new PostgresTelemetryHistory(database),
            VerifyAuditChains = token => StoredAuditChains.VerifyAsync(database, token),
        }.RunAsync(checks, cancellationToken);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
