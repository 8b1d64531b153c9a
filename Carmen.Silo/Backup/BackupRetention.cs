namespace Carmen.Silo.Backup;

/// <summary>
/// Keeps a repository's newest backups: older backup directories are deleted, then every artifact no kept manifest
/// lists (artifacts are shared, so one goes only when no backup holds it any more).
/// </summary>
public static class BackupRetention
{
    public static IReadOnlyList<string> Apply(string repository, int keepLast)
    {
        IReadOnlyList<string> backups = BackupManifest.InRepository(repository);
        List<string> removed = [.. backups.Take(Math.Max(0, backups.Count - keepLast))];
        foreach (string old in removed)
        {
            Directory.Delete(old, recursive: true);
        }

        string artifacts = Path.Combine(repository, BackupManifest.ArtifactsDirectory);
        if (Directory.Exists(artifacts))
        {
            var held = backups.Except(removed).SelectMany(backup => BackupManifest.Read(backup).Artifacts.Select(file => file.Path)).ToHashSet(StringComparer.Ordinal);
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
}
