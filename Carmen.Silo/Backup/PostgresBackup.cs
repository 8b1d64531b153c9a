using System.Data;
using Carmen.Grains.Backups;
using Carmen.Silo.Storage;
using Npgsql;

namespace Carmen.Silo.Backup;

/// <summary>
/// The PostgreSQL profile's backup: pg_dump (custom format) of Carmen's database, taken in a snapshot this process
/// exports and holds while it summarises the same snapshot for the manifest, so the counts and checksums describe
/// exactly what the dump holds; the shared artifact directory, content-addressed as in the embedded profile. The
/// membership table's rows are left out, so a restored cluster starts without its lost silos. The key ring is in the
/// dump, sealed by the cluster's key encryption key, which stays with the operator.
/// </summary>
public static class PostgresBackup
{
    public const string DumpFileName = "carmen.dump";
    public const string Profile = "postgres";

    public static async Task<(BackupManifest Manifest, string Directory, string Fingerprint)> TakeAsync(
        NodeDirectories node, PostgresTools tools, string repository, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(node.ConnectionString);
        string id = BackupIds.For(now);
        string directory = EmbeddedBackup.NewDirectory(repository, id);
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using NpgsqlTransaction snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot);
            string snapshotName = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
            string dump = Path.Combine(directory, DumpFileName);
            Task dumping = tools.RunAsync("pg_dump", database,
                ["--format=custom", $"--snapshot={snapshotName}", "--no-owner", "--no-privileges", "--exclude-table-data=orleans_membership", $"--file={dump}", $"--dbname={database.Database}"],
                cancellationToken);
            BackupState state = await PostgresStateSummary.ReadAsync(connection, snapshot, cancellationToken);
            long schema = await PostgresStateSummary.SchemaVersionAsync(connection, snapshot, cancellationToken);
            await dumping; // the snapshot stays exported until pg_dump is done with it
            await snapshot.CommitAsync(cancellationToken);
            OwnerOnlyFiles.SecureFile(dump);

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, id, now, EmbeddedBackup.Version(), Profile, [FileHashes.Of(dump, DumpFileName)],
                EmbeddedBackup.CopyArtifacts(node.Artifacts, repository), new Dictionary<string, long> { ["postgres"] = schema }, state, KeysIncluded: false);
            return (manifest, directory, EmbeddedBackup.WriteSigned(manifest, directory, node.Data));
        }
        catch
        {
            Directory.Delete(directory, recursive: true); // no half backup left to be mistaken for one
            throw;
        }
    }

    /// <summary>Whether the database holds Carmen's state already (grain state rows), which a restore must not overwrite unasked.</summary>
    public static async Task<bool> HoldsStateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var table = new NpgsqlCommand("SELECT to_regclass('orleans_storage') IS NOT NULL", connection);
        if (!(bool)(await table.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        await using var rows = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM orleans_storage)", connection);
        return (bool)(await rows.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Restores the dump into the database (dropping what is there), the artifacts into the shared directory, and compares the state with the manifest.</summary>
    public static async Task<IReadOnlyList<string>> RestoreAsync(BackupManifest manifest, string backup, string connectionString, string artifacts, PostgresTools tools, CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        await tools.RunAsync("pg_restore", database,
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", $"--dbname={database.Database}", Path.Combine(backup, DumpFileName)],
            cancellationToken);
        EmbeddedRestore.RestoreArtifacts(manifest, backup, artifacts);
        return StateDifferences.Between(manifest.State, await SummarizeAsync(connectionString, cancellationToken));
    }

    public static async Task<BackupState> SummarizeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using NpgsqlTransaction read = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        return await PostgresStateSummary.ReadAsync(connection, read, cancellationToken);
    }
}
