using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
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
        await using (NpgsqlCommand largest = database.CreateCommand(
            "SELECT tenant_id, count(*) FROM devices WHERE status <> @decommissioned GROUP BY tenant_id ORDER BY 2 DESC LIMIT 1"))
        {
            largest.Parameters.AddWithValue("decommissioned", (int)DeviceStatus.Decommissioned);
            await using NpgsqlDataReader reader = await largest.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (string tenant, long inService) = (reader.GetString(0), reader.GetInt64(1));
                long counted = (await new PostgresDeviceIndex(database).CountByClusterAndStatusAsync(tenant, cancellationToken))
                    .Where(row => row.Status != DeviceStatus.Decommissioned).Sum(row => row.Count);
                if (counted != inService)
                {
                    return $"the device index counts {counted} devices in service for tenant {tenant}; its rows say {inService}";
                }

                checks.Add($"devices of tenant {tenant}: {counted}");
            }
        }

        using (var states = StoredGrainStates.Postgres(scratch))
        {
            RestoreDrill.ReadNewestRollout(states, checks);
        }

        await using (NpgsqlCommand series = database.CreateCommand(
            """
            SELECT s.tenant_id, s.device_id, s.key, min(c.first_ts), max(c.last_ts), sum(c.points)
            FROM telemetry_series s JOIN telemetry_chunks c ON c.series_id = s.id
            GROUP BY s.id ORDER BY 6 DESC LIMIT 1
            """))
        await using (NpgsqlDataReader reader = await series.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var device = new DeviceKey(reader.GetString(0), reader.GetString(1));
                (string key, long from, long to, long points) = (reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
                IReadOnlyList<HistoryPoint> read = await new PostgresTelemetryHistory(database).ReadAsync(device, new HistoryQuery(key, from, to + 1, TelemetryAggregation.None, 0, 100_000), cancellationToken);
                if (read.Count == 0 || read.Count > points)
                {
                    return $"the history of {device}/{key} reads {read.Count} points; its chunks hold {points}";
                }

                checks.Add($"history of {device}/{key}: {read.Count} points");
            }
        }

        foreach ((string chain, AuditVerification verified) in await StoredAuditChains.VerifyAsync(database, cancellationToken))
        {
            if (!verified.Intact)
            {
                return $"the audit chain {chain} is broken at record {verified.FirstBrokenRecordId}: {verified.Problem}";
            }

            checks.Add($"audit chain {chain}: {verified.Records} records intact");
        }

        return null;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
