using Carmen.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// Applies the embedded migrations (Migrations/NNNN_name.sql, and the code steps some have) that the database has not
/// seen yet, each in its own transaction, and records them in schema_version. Re-running is a no-op.
/// </summary>
internal static partial class SqliteSchema
{
    /// <summary>Resource prefix of carmen.db's migrations (Migrations/NNNN_name.sql).</summary>
    public const string StateMigrations = "Carmen.Silo.Storage.Sqlite.Migrations.";

    /// <summary>Resource prefix of telemetry.db's migrations (TelemetryMigrations/NNNN_name.sql).</summary>
    public const string TelemetryMigrations = "Carmen.Silo.Storage.Sqlite.TelemetryMigrations.";

    /// <summary>Resource prefix of audit.db's migrations (AuditMigrations/NNNN_name.sql).</summary>
    public const string AuditMigrations = "Carmen.Silo.Storage.Sqlite.AuditMigrations.";

    /// <summary>Steps that run in code after a migration's script, in its transaction: what SQL alone cannot do.</summary>
    private static readonly Dictionary<(string Migrations, int Version), Action<SqliteTransaction>> s_codeSteps = new()
    {
        [(TelemetryMigrations, TelemetryChunkMigration.Version)] = TelemetryChunkMigration.Apply,
    };

    public static void Apply(SqliteConnection connection, string migrations, ILogger logger)
    {
        using (connection)
        {
            // WAL lets readers run beside the single writer; the mode is stored in the file.
            connection.ExecuteNonQuery("PRAGMA journal_mode = WAL");
            connection.ExecuteNonQuery("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            long current = connection.ExecuteScalar<long>("SELECT coalesce(max(version), 0) FROM schema_version");
            foreach ((int version, string name, string sql) in EmbeddedMigrations.Load(migrations).Where(migration => migration.Version > current))
            {
                using SqliteTransaction transaction = connection.BeginTransaction();
                transaction.ExecuteNonQuery(sql);
                s_codeSteps.GetValueOrDefault((migrations, version))?.Invoke(transaction);
                transaction.ExecuteNonQuery(
                    "INSERT INTO schema_version (version, applied_at) VALUES (@version, @now)",
                    ("@version", version), ("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                transaction.Commit();
                LogApplied(logger, version, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded store migrated to schema {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
