using Carmen.Silo.Hosting;

namespace Carmen.Silo.Backup;

/// <summary>
/// `Carmen.Silo verify --from BACKUP [--fingerprint HEX]`: checks a backup's manifest signature and every file's
/// checksum without starting anything; each damaged or missing file is named. Exit code 0: intact; 1: not; 2: usage.
/// </summary>
public static class VerifyBackupCommand
{
    public const string Name = "verify";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (CommandLine.Option(args, "--from") is not string directory)
        {
            await output.WriteLineAsync("usage: verify --from <backup directory> [--fingerprint <sha256 hex of the signing key>]");
            return 2;
        }

        (BackupManifest? manifest, string? fingerprint, IReadOnlyList<string> problems) = BackupVerifier.Verify(directory, CommandLine.Option(args, "--fingerprint"));
        foreach (string problem in problems)
        {
            await output.WriteLineAsync(problem);
        }

        if (problems.Count > 0)
        {
            await output.WriteLineAsync($"backup {manifest?.Id ?? directory}: {problems.Count} problem(s)");
            return 1;
        }

        await output.WriteLineAsync($"backup {manifest!.Id}: intact ({manifest.Files.Count} files, {manifest.Artifacts.Count} artifacts; signed by key {fingerprint})");
        return 0;
    }
}
