using Carmen.Silo.Hosting;

namespace Carmen.Silo.Backup;

/// <summary>
/// `Carmen.Silo restore --from BACKUP [--key-file FILE] [--fingerprint HEX] [--force]`, on a stopped node: verifies
/// the backup first, refuses a data directory that holds a store unless <c>--force</c>, puts the store files, the key
/// ring (with the backup key) and the artifacts in place, and compares the restored state with the manifest.
/// A PostgreSQL backup is restored into the configured database (pg_restore), refused over Carmen's state unless
/// <c>--force</c>, with the silos stopped. Exit code 0: restored and matching; 1: refused or not matching; 2: usage.
/// </summary>
public static class RestoreCommand
{
    public const string Name = "restore";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (CommandLine.Option(args, "--from") is not string backup)
        {
            await output.WriteLineAsync("usage: restore --from <backup directory> [--key-file <backup key file>] [--fingerprint <hex>] [--force] [--Carmen:DataDirectory=<dir>]");
            return 2;
        }

        NodeDirectories node = NodeDirectories.From(args);
        var started = System.Diagnostics.Stopwatch.StartNew();
        (BackupManifest? manifest, _, IReadOnlyList<string> problems) = BackupVerifier.Verify(backup, CommandLine.Option(args, "--fingerprint"));
        if (manifest is null || problems.Count > 0)
        {
            await output.WriteLineAsync($"not restored: the backup does not verify ({string.Join("; ", problems)})");
            return 1;
        }

        if (manifest.Profile == PostgresBackup.Profile || node.Storage == StorageKind.Postgres)
        {
            return await RestorePostgresAsync(manifest, backup, node, args.Contains("--force"), output, started);
        }

        if (!args.Contains("--force") && node.HoldsStore)
        {
            await output.WriteLineAsync($"not restored: {node.Data} holds a store already; stop the node and give --force to overwrite it");
            return 1;
        }

        if (manifest.KeysIncluded && CommandLine.Option(args, "--key-file") is null)
        {
            await output.WriteLineAsync("not restored: the backup's key ring is encrypted; give the backup key with --key-file");
            return 1;
        }

        byte[]? backupKey = KeyArchive.ReadBackupKey(CommandLine.Option(args, "--key-file"));
        EmbeddedRestore.Apply(manifest, backup, node, backupKey);

        return await ReportAsync(manifest, StateDifferences.Between(manifest.State, StateSummary.Read(node.Data)), node.Data, output, started);
    }

    /// <summary>Into the configured database, with the silos stopped: pg_restore, the artifacts, then the state against the manifest.</summary>
    private static async Task<int> RestorePostgresAsync(BackupManifest manifest, string backup, NodeDirectories node, bool force, TextWriter output, System.Diagnostics.Stopwatch started)
    {
        if (manifest.Profile != PostgresBackup.Profile || node.Storage != StorageKind.Postgres || node.ConnectionString is null)
        {
            await output.WriteLineAsync($"not restored: a backup of the {manifest.Profile} profile restores into a node of that profile (Carmen:Storage and ConnectionStrings:Carmen)");
            return 1;
        }

        if (!force && await PostgresBackup.HoldsStateAsync(node.ConnectionString, CancellationToken.None))
        {
            await output.WriteLineAsync("not restored: the database holds Carmen's state already; stop every silo and give --force to replace it");
            return 1;
        }

        IReadOnlyList<string> differences = await PostgresBackup.RestoreAsync(manifest, backup, node.ConnectionString, node.Artifacts, node.PostgresTools, CancellationToken.None);
        return await ReportAsync(manifest, differences, $"the database {new Npgsql.NpgsqlConnectionStringBuilder(node.ConnectionString).Database}", output, started);
    }

    private static async Task<int> ReportAsync(BackupManifest manifest, IReadOnlyList<string> differences, string target, TextWriter output, System.Diagnostics.Stopwatch started)
    {
        foreach (string difference in differences)
        {
            await output.WriteLineAsync(difference);
        }

        await output.WriteLineAsync(differences.Count == 0
            ? $"restored backup {manifest.Id} (taken {manifest.CreatedAt:u}) into {target} in {started.Elapsed.TotalSeconds:N1} s; the state matches its manifest"
            : $"restored backup {manifest.Id}, but {differences.Count} part(s) of the state differ from its manifest");
        return differences.Count == 0 ? 0 : 1;
    }
}
