using System.Reflection;
using System.Text.Json;
using Carmen.Grains.Backups;
using Carmen.Silo.Storage;
using Microsoft.Data.Sqlite;
using NSec.Cryptography;

namespace Carmen.Silo.Backup;

/// <summary>
/// A backup of a single node's embedded stores, taken while it runs: each SQLite file by <c>VACUUM INTO</c> (a
/// consistent snapshot of that file, never a copy of a live file), the key ring under the operator's backup key, and
/// the artifacts into the repository's shared content-addressed directory (a backup adds only the files the earlier
/// ones lack). The manifest summarises the copies, not the live files, so it describes exactly what was taken.
/// </summary>
public static class EmbeddedBackup
{
    public static (BackupManifest Manifest, string Directory, string Fingerprint) Take(NodeDirectories node, string repository, byte[]? backupKey, DateTimeOffset now)
    {
        string id = BackupIds.For(now);
        string directory = NewDirectory(repository, id);
        var files = new List<BackupFile>();
        var schemas = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (string store in StateSummary.StoreFiles.Where(store => File.Exists(Path.Combine(node.Data, store))))
        {
            string copy = Path.Combine(directory, store);
            Snapshot(Path.Combine(node.Data, store), copy);
            files.Add(FileHashes.Of(copy, store));
            schemas[store] = StateSummary.SchemaVersion(copy);
        }

        if (backupKey is not null)
        {
            string keys = Path.Combine(directory, KeyArchive.FileName);
            KeyArchive.Write(node.Data, keys, backupKey);
            files.Add(FileHashes.Of(keys, KeyArchive.FileName));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, id, now, Version(), "embedded", files, CopyArtifacts(node.Artifacts, repository),
            schemas, StateSummary.Read(directory), backupKey is not null);
        return (manifest, directory, WriteSigned(manifest, directory, node.Data));
    }

    /// <summary>
    /// The backup's directory, new and owner-only, in the repository; throws when one of that name exists (backups are
    /// named by the second they are taken).
    /// </summary>
    internal static string NewDirectory(string repository, string id)
    {
        string directory = Path.Combine(repository, id);
        if (Directory.Exists(directory))
        {
            throw new IOException($"A backup '{id}' exists already in {repository}.");
        }

        OwnerOnlyFiles.SecureDirectory(repository);
        OwnerOnlyFiles.SecureDirectory(directory);
        return directory;
    }

    /// <summary>Writes manifest.json and its Ed25519 signature (manifest.sig) with the node's signing key; returns the key's fingerprint.</summary>
    internal static string WriteSigned(BackupManifest manifest, string directory, string dataDirectory)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json);
        File.WriteAllBytes(Path.Combine(directory, BackupManifest.FileName), json);
        using Key key = BackupSigningKey.Load(dataDirectory);
        BackupSignature signature = BackupSignature.Sign(key, json);
        File.WriteAllBytes(Path.Combine(directory, BackupManifest.SignatureFileName), JsonSerializer.SerializeToUtf8Bytes(signature, BackupManifest.Json));
        return signature.Fingerprint;
    }

    /// <summary>SQLite writes a consistent copy of the database as of one read transaction, while the node goes on writing.</summary>
    private static void Snapshot(string database, string copy)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60 }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO @copy";
        command.Parameters.AddWithValue("@copy", copy);
        command.ExecuteNonQuery();
        OwnerOnlyFiles.SecureFile(copy);
    }

    /// <summary>The artifacts ({two hex digits}/{sha256}), each copied into the repository unless it is there already.</summary>
    internal static List<BackupFile> CopyArtifacts(string artifacts, string repository)
    {
        var listed = new List<BackupFile>();
        if (!Directory.Exists(artifacts))
        {
            return listed;
        }

        foreach (string file in Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(artifacts, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith('.'))
            {
                continue; // uploads in progress
            }

            string name = $"{BackupManifest.ArtifactsDirectory}/{relative}";
            string target = Path.Combine(repository, BackupManifest.ArtifactsDirectory, relative);
            long size = new FileInfo(file).Length;
            if (!File.Exists(target) || new FileInfo(target).Length != size)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }

            // Named by its SHA-256: the name is the checksum, and verify re-reads every byte.
            listed.Add(new BackupFile(name, size, Path.GetFileName(file)));
        }

        return listed;
    }

    internal static string Version() =>
        typeof(EmbeddedBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
