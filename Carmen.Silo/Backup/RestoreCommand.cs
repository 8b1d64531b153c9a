using Carmen.Silo.Hosting;

namespace Carmen.Silo.Backup;

/// <summary>
/// `Carmen.Silo restore --from BACKUP [--key-file FILE] [--fingerprint HEX] [--force]`, on a stopped node: verifies
/// the backup first, refuses a data directory that holds a store unless <c>--force</c>, puts the store files, the key
/// ring (with the backup key) and the artifacts in place, and compares the restored state with the manifest.
/// Exit code 0: restored and matching; 1: refused or not matching; 2: usage.
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
        if (node.Storage != StorageKind.Embedded)
        {
            await output.WriteLineAsync("The PostgreSQL profile is restored with pg_restore (docs/backup.md).");
            return 2;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        (BackupManifest? manifest, _, IReadOnlyList<string> problems) = BackupVerifier.Verify(backup, CommandLine.Option(args, "--fingerprint"));
        if (manifest is null || problems.Count > 0)
        {
            await output.WriteLineAsync($"not restored: the backup does not verify ({string.Join("; ", problems)})");
            return 1;
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

        IReadOnlyList<string> differences = StateDifferences.Between(manifest.State, StateSummary.Read(node.Data));
        foreach (string difference in differences)
        {
            await output.WriteLineAsync(difference);
        }

        await output.WriteLineAsync(differences.Count == 0
            ? $"restored backup {manifest.Id} (taken {manifest.CreatedAt:u}) into {node.Data} in {started.Elapsed.TotalSeconds:N1} s; the state matches its manifest"
            : $"restored backup {manifest.Id}, but {differences.Count} part(s) of the state differ from its manifest");
        return differences.Count == 0 ? 0 : 1;
    }
}
