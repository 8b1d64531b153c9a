using Carmen.Silo.Storage;

namespace Carmen.Silo.Backup;

/// <summary>
/// Puts a verified backup's files in place in a node's directories: the store files (replacing any, with their WAL),
/// the key ring with the backup key, and the artifacts from the repository.
/// </summary>
public static class EmbeddedRestore
{
    /// <summary>A store's file and the write-ahead log and shared memory SQLite keeps beside it.</summary>
    private static readonly string[] s_storeFileSuffixes = ["", "-wal", "-shm"];

    public static void Apply(BackupManifest manifest, string backup, NodeDirectories node, byte[]? backupKey)
    {
        OwnerOnlyFiles.SecureDirectory(node.Data);
        foreach (string store in StateSummary.StoreFiles)
        {
            foreach (string stale in s_storeFileSuffixes.Select(suffix => Path.Combine(node.Data, store + suffix)).Where(File.Exists))
            {
                File.Delete(stale);
            }
        }

        foreach (BackupFile file in manifest.Files.Where(file => file.Path != KeyArchive.FileName))
        {
            string target = Path.Combine(node.Data, file.Path);
            OwnerOnlyFiles.SecureFile(target);
            File.Copy(Path.Combine(backup, file.Path), target, overwrite: true);
        }

        if (manifest.KeysIncluded && backupKey is not null)
        {
            KeyArchive.Restore(Path.Combine(backup, KeyArchive.FileName), node.Data, backupKey);
        }

        RestoreArtifacts(manifest, backup, node.Artifacts);
    }

    /// <summary>Copies the backup's artifacts from its repository into the node's (or cluster's shared) artifact directory.</summary>
    public static void RestoreArtifacts(BackupManifest manifest, string backup, string artifacts)
    {
        string repository = Path.GetDirectoryName(Path.GetFullPath(backup))!;
        foreach (BackupFile artifact in manifest.Artifacts)
        {
            string target = Path.Combine(artifacts, artifact.Path[(BackupManifest.ArtifactsDirectory.Length + 1)..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(repository, artifact.Path), target, overwrite: true);
        }
    }
}
