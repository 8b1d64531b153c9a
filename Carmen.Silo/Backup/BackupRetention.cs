using System.Text.Json;

namespace Carmen.Silo.Backup;

/// <summary>
/// Keeps a repository's newest backups: older backup directories are deleted, then every artifact no kept manifest
/// lists (artifacts are shared, so one goes only when no backup holds it any more).
/// </summary>
public static class BackupRetention
{
    public static IReadOnlyList<string> Apply(string repository, int keepLast)
    {
        List<string> backups = [.. Directory.GetDirectories(repository)
            .Where(directory => File.Exists(Path.Combine(directory, BackupManifest.FileName)))
            .Order(StringComparer.Ordinal)];
        List<string> removed = [.. backups.Take(Math.Max(0, backups.Count - keepLast))];
        foreach (string old in removed)
        {
            Directory.Delete(old, recursive: true);
        }

        string artifacts = Path.Combine(repository, BackupManifest.ArtifactsDirectory);
        if (Directory.Exists(artifacts))
        {
            var held = backups.Except(removed).SelectMany(Artifacts).ToHashSet(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).ToList())
            {
                if (!held.Contains(Path.GetRelativePath(repository, file).Replace(Path.DirectorySeparatorChar, '/')))
                {
                    File.Delete(file);
                }
            }
        }

        return [.. removed.Select(Path.GetFileName).OfType<string>()];
    }

    private static IEnumerable<string> Artifacts(string backup) =>
        JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(Path.Combine(backup, BackupManifest.FileName)), BackupManifest.Json)?.Artifacts.Select(file => file.Path) ?? [];
}
