using Carmen.Grains.Interfaces.Backups;
using Carmen.Silo.Hosting;

namespace Carmen.Silo.Backup;

/// <summary>
/// `Carmen.Silo drill --from BACKUP [--key-file FILE] [--fingerprint HEX]`: a restore drill into a scratch directory
/// (<see cref="RestoreDrill"/>), or for a PostgreSQL backup into a scratch database on the server the cluster's
/// configuration names, recorded in the backup's drills.jsonl. Exit code 0: passed; 1: failed; 2: usage.
/// </summary>
public static class DrillCommand
{
    public const string Name = "drill";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TimeProvider time)
    {
        if (CommandLine.Option(args, "--from") is not string backup)
        {
            await output.WriteLineAsync("usage: drill --from <backup directory> [--key-file <backup key file>] [--fingerprint <hex>]");
            return 2;
        }

        byte[]? key = KeyArchive.ReadBackupKey(CommandLine.Option(args, "--key-file"));
        NodeDirectories node = NodeDirectories.From(args);
        BackupDrill result = await RestoreDrill.RunAsync(backup, key, CommandLine.Option(args, "--fingerprint"), time.GetUtcNow(), CancellationToken.None,
            node.Storage == StorageKind.Postgres ? node : null);
        foreach (string check in result.Checks)
        {
            await output.WriteLineAsync(check);
        }

        await output.WriteLineAsync(result.Passed
            ? $"drill passed: restored and read back in {result.RestoreSeconds:N1} s (recovery time); the backup was {result.BackupAgeSeconds / 3600:N1} h old (data-loss window)"
            : $"drill failed: {result.Reason}");
        return result.Passed ? 0 : 1;
    }
}
