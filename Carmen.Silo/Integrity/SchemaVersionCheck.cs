using Carmen.Silo.Backup;
using Carmen.Silo.Storage.Postgres;
using Carmen.Silo.Storage.Sql;
using Carmen.Silo.Storage.Sqlite;
using Npgsql;

namespace Carmen.Silo.Integrity;

/// <summary>
/// Each store's schema against the newest this Carmen knows: older is brought up to date when the node starts (reported,
/// not a problem); newer means the store was written by a later Carmen, which this one must not run on.
/// </summary>
public static class SchemaVersionCheck
{
    private static readonly (string File, string Migrations)[] s_stores =
    [
        (SqliteDatabase.FileName, SqliteSchema.StateMigrations),
        (SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations),
        (SqliteAuditStore.FileName, SqliteSchema.AuditMigrations),
    ];

    /// <summary>A cluster's database (carmen_schema_version) against the migrations this Carmen carries.</summary>
    public static async Task<IntegrityFinding> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using NpgsqlTransaction read = await connection.BeginTransactionAsync(cancellationToken);
        long stored = await PostgresStateSummary.SchemaVersionAsync(connection, read, cancellationToken);
        return Finding("database", stored, EmbeddedMigrations.Load(PostgresMigrator.MigrationsPrefix)[^1].Version);
    }

    public static IEnumerable<IntegrityFinding> Run(string dataDirectory)
    {
        foreach ((string file, string migrations) in s_stores)
        {
            string path = Path.Combine(dataDirectory, file);
            if (!File.Exists(path))
            {
                yield return new IntegrityFinding("schema", $"{file}: missing", Problem: true);
                continue;
            }

            yield return Finding(file, StateSummary.SchemaVersion(path), EmbeddedMigrations.Load(migrations)[^1].Version);
        }
    }

    private static IntegrityFinding Finding(string store, long stored, int known) => stored > known
        ? new IntegrityFinding("schema", $"{store}: schema {stored}, newer than this Carmen's {known}; run the Carmen that wrote it", Problem: true)
        : new IntegrityFinding("schema", $"{store}: schema {stored}{(stored < known ? $", migrated to {known} when the node starts" : " (current)")}");
}
