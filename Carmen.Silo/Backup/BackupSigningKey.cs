using Carmen.Silo.Storage;
using NSec.Cryptography;

namespace Carmen.Silo.Backup;

/// <summary>
/// The node's backup signing key: an Ed25519 seed in {data}/backup-signing.key (owner-only), made by the first backup.
/// Its fingerprint is printed by every backup; an operator keeps it apart from the backups to verify them.
/// </summary>
public static class BackupSigningKey
{
    public const string FileName = "backup-signing.key";

    public static Key Load(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            using Key created = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            OwnerOnlyFiles.SecureDirectory(dataDirectory);
            OwnerOnlyFiles.SecureFile(path);
            File.WriteAllText(path, Convert.ToBase64String(created.Export(KeyBlobFormat.RawPrivateKey)) + "\n");
        }

        return Key.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(File.ReadAllText(path).Trim()), KeyBlobFormat.RawPrivateKey);
    }
}
