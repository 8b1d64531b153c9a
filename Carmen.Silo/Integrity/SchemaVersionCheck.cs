using Carmen.Silo.Backup;
using Carmen.Silo.Storage.Sql;
using Carmen.Silo.Storage.Sqlite;

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

            long stored = StateSummary.SchemaVersion(path);
            int known = EmbeddedMigrations.Load(migrations)[^1].Version;
            yield return stored > known
                ? new IntegrityFinding("schema", $"{file}: schema {stored}, newer than this Carmen's {known}; run the Carmen that wrote it", Problem: true)
                : new IntegrityFinding("schema", $"{file}: schema {stored}{(stored < known ? $", migrated to {known} when the node starts" : " (current)")}");
        }
    }
}
