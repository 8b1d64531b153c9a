using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Carmen.Silo.Backup;

/// <summary>
/// Summarises Carmen's PostgreSQL database as <see cref="BackupState"/>, as <see cref="StateSummary"/> does the embedded
/// stores: row counts, a SHA-256 over each table's rows in key order (their text form, in UTC), grain states by type,
/// telemetry points per day. Run inside the transaction whose snapshot pg_dump takes, it describes exactly the dump;
/// text sorts byte-wise (C collation), so a server with another locale sums the same rows the same way.
/// </summary>
public static class PostgresStateSummary
{
    private static readonly (string Table, string Order)[] s_tables =
    [
        ("orleans_storage", "service_id COLLATE \"C\", grain_type_string COLLATE \"C\", grain_id_n0, grain_id_n1, grain_id_extension_string COLLATE \"C\""),
        ("orleans_reminders", "service_id COLLATE \"C\", grain_id COLLATE \"C\", reminder_name COLLATE \"C\""),
        ("devices", "tenant_id COLLATE \"C\", device_id COLLATE \"C\""),
        ("alerts", "tenant_id COLLATE \"C\", alert_id COLLATE \"C\""),
        ("telemetry_series", "id"),
        ("telemetry_chunks", "id"),
        ("audit_records", "chain COLLATE \"C\", id"),
        ("audit_checkpoints", "chain COLLATE \"C\", record_id"),
        ("audit_keys", "key_id COLLATE \"C\""),
        ("carmen_data_protection_keys", "friendly_name COLLATE \"C\""),
    ];

    public static async Task<BackupState> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "SET LOCAL TIME ZONE 'UTC'", cancellationToken);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var checksums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pointsPerDay = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach ((string table, string order) in s_tables)
        {
            (long rows, string checksum) = await HashAsync(connection, transaction, table, order, cancellationToken);
            counts[table] = rows;
            checksums[table] = checksum;
        }

        await GroupAsync(connection, transaction, "SELECT grain_type_string, count(*) FROM orleans_storage GROUP BY 1", (kind, count) => counts[$"grainState.{kind}"] = count, cancellationToken);
        await GroupAsync(connection, transaction, "SELECT to_char(to_timestamp(first_ts / 1000.0), 'YYYY-MM-DD'), sum(points) FROM telemetry_chunks GROUP BY 1",
            (day, points) => pointsPerDay[day] = points, cancellationToken);
        return new BackupState(counts, checksums, pointsPerDay);
    }

    /// <summary>The newest schema migration applied (carmen_schema_version).</summary>
    public static async Task<long> SchemaVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM carmen_schema_version", connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Each row's text form in key order, length-prefixed into SHA-256.</summary>
    private static async Task<(long Rows, string Checksum)> HashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string order, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t ORDER BY {order}", connection, transaction);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            byte[] row = Encoding.UTF8.GetBytes(reader.GetString(0));
            sha256.AppendData(BitConverter.GetBytes(row.Length));
            sha256.AppendData(row);
        }

        return (rows, Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }

    private static async Task GroupAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Action<string, long> take, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            take(reader.GetString(0), reader.GetInt64(1));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
