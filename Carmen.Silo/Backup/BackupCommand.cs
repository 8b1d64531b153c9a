using Carmen.Silo.Hosting;

namespace Carmen.Silo.Backup;

/// <summary>
/// `Carmen.Silo backup --to DIR [--key-file FILE]`: backs up a single node's embedded stores, running or stopped,
/// into a new directory under DIR (the repository). With the backup key file, the key ring goes along, encrypted;
/// without it the backup says so and a restore needs the key ring from elsewhere. With Carmen:Storage=Postgres it
/// takes a pg_dump of the cluster's database instead (<see cref="PostgresBackup"/>). Exit code 0: taken; 1: failed; 2: usage.
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TimeProvider time)
    {
        if (CommandLine.Option(args, "--to") is not string repository)
        {
            await output.WriteLineAsync("usage: backup --to <repository directory> [--key-file <backup key file>] [--Carmen:DataDirectory=<dir>]");
            return 2;
        }

        NodeDirectories node = NodeDirectories.From(args);
        if (node.Storage == StorageKind.Postgres)
        {
            var timed = System.Diagnostics.Stopwatch.StartNew();
            (BackupManifest dumped, string dumpedTo, string signedBy) = await PostgresBackup.TakeAsync(node, node.PostgresTools, Path.GetFullPath(repository), time.GetUtcNow(), CancellationToken.None);
            await output.WriteLineAsync($"backup {dumped.Id} in {dumpedTo}: pg_dump of {dumped.State.Counts.GetValueOrDefault("devices")} devices, " +
                $"{dumped.Files.Sum(file => file.Size):N0} bytes, {dumped.Artifacts.Count} artifacts, {timed.Elapsed.TotalSeconds:N1} s; signed by key {signedBy}");
            return 0;
        }

        if (!node.HoldsStore)
        {
            await output.WriteLineAsync($"no store in {node.Data}: nothing to back up (is Carmen:DataDirectory the node's?)");
            return 1;
        }

        byte[]? backupKey = KeyArchive.ReadBackupKey(CommandLine.Option(args, "--key-file"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        (BackupManifest manifest, string directory, string fingerprint) = EmbeddedBackup.Take(node, Path.GetFullPath(repository), backupKey, time.GetUtcNow());
        long bytes = manifest.Files.Sum(file => file.Size);
        await output.WriteLineAsync($"backup {manifest.Id} in {directory}: {manifest.Files.Count} files, {bytes:N0} bytes, {manifest.Artifacts.Count} artifacts, " +
            $"{started.Elapsed.TotalSeconds:N1} s; signed by key {fingerprint}");
        if (backupKey is null)
        {
            await output.WriteLineAsync("the key ring is not in it (no --key-file): keep keys/ and key-encryption.key of the node apart to restore its secrets");
        }

        return 0;
    }
}
