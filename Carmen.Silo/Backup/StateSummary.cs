using System.Globalization;
using System.Security.Cryptography;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Backup;

/// <summary>
/// Summarises the embedded stores in a directory (a backup, or a restored data directory) as <see cref="BackupState"/>:
/// read-only, with Carmen's own table layout, so a restore is checked against what its backup held.
/// </summary>
public static class StateSummary
{
    /// <summary>The tables whose rows are counted and checksummed, by file, with their key order.</summary>
    private static readonly (string File, string Table, string Order)[] s_tables =
    [
        (SqliteDatabase.FileName, "grain_state", "state_name, grain_id"),
        (SqliteDatabase.FileName, "reminders", "grain_id, reminder_name"),
        (SqliteDatabase.FileName, "devices", "tenant_id, device_id"),
        (SqliteDatabase.FileName, "alerts", "tenant_id, alert_id"),
        (SqliteTelemetryHistory.FileName, "telemetry_series", "id"),
        (SqliteTelemetryHistory.FileName, "telemetry_chunks", "id"),
        (SqliteAuditStore.FileName, "audit_records", "chain, id"),
        (SqliteAuditStore.FileName, "audit_checkpoints", "chain, record_id"),
        (SqliteAuditStore.FileName, "audit_keys", "key_id"),
    ];

    /// <summary>The store files a node keeps; a backup holds each that exists.</summary>
    public static IReadOnlyList<string> StoreFiles { get; } = [SqliteDatabase.FileName, SqliteTelemetryHistory.FileName, SqliteAuditStore.FileName];

    public static BackupState Read(string directory)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var checksums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pointsPerDay = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (IGrouping<string, (string File, string Table, string Order)> file in s_tables.GroupBy(table => table.File))
        {
            string path = Path.Combine(directory, file.Key);
            if (!File.Exists(path))
            {
                continue;
            }

            using SqliteConnection connection = OpenReadOnly(path);
            foreach ((_, string table, string order) in file)
            {
                (long rows, string checksum) = Hash(connection, table, order);
                counts[table] = rows;
                checksums[table] = checksum;
            }

            if (file.Key == SqliteDatabase.FileName)
            {
                Group(connection, "SELECT state_name, count(*) FROM grain_state GROUP BY state_name", (kind, count) => counts[$"grainState.{kind}"] = count);
            }
            else if (file.Key == SqliteTelemetryHistory.FileName)
            {
                Group(connection, "SELECT date(first_ts / 1000, 'unixepoch'), sum(points) FROM telemetry_chunks GROUP BY 1", (day, points) => pointsPerDay[day] = points);
            }
        }

        return new BackupState(counts, checksums, pointsPerDay);
    }

    public static long SchemaVersion(string path)
    {
        using SqliteConnection connection = OpenReadOnly(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Every row in key order, each column's type and bytes fed to SHA-256.</summary>
    private static (long Rows, string Checksum) Hash(SqliteConnection connection, string table, string order)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY {order}";
        using SqliteDataReader reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            rows++;
            for (int column = 0; column < reader.FieldCount; column++)
            {
                if (reader.IsDBNull(column))
                {
                    sha256.AppendData(BitConverter.GetBytes(-1)); // null, told apart from every value by its length
                    continue;
                }

                byte[] value = reader.GetValue(column) switch
                {
                    byte[] blob => blob,
                    object other => System.Text.Encoding.UTF8.GetBytes(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""),
                };
                sha256.AppendData(BitConverter.GetBytes(value.Length));
                sha256.AppendData(value);
            }
        }

        return (rows, Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }

    private static void Group(SqliteConnection connection, string sql, Action<string, long> take)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            take(reader.GetString(0), reader.GetInt64(1));
        }
    }
}
