using System.Security.Cryptography;
using System.Text.Json;
using Carmen.Silo.Secrets;

namespace Carmen.Silo.Backup;

/// <summary>
/// keys.enc: the node's key ring (keys/) and its generated key encryption key, which the databases' secrets need, as
/// one AES-256-GCM blob (nonce, tag, ciphertext) under the backup key the operator holds (32 random bytes in base64,
/// in a file: <c>openssl rand -base64 32</c>). Without that key a backup holds no usable secret.
/// </summary>
public static class KeyArchive
{
    public const string FileName = "keys.enc";
    private const string KeysDirectory = "keys";
    private static readonly byte[] s_associatedData = "carmen-backup-keys:v1"u8.ToArray();

    /// <summary>The backup key in the file at <paramref name="path"/>; null when no file is named.</summary>
    public static byte[]? ReadBackupKey(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        byte[] key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException($"The backup key in '{path}' is {key.Length} bytes; it must be 32 (openssl rand -base64 32).");
    }

    public static void Write(string dataDirectory, string target, byte[] backupKey)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string keys = Path.Combine(dataDirectory, KeysDirectory);
        if (Directory.Exists(keys))
        {
            foreach (string file in Directory.GetFiles(keys))
            {
                files[$"{KeysDirectory}/{Path.GetFileName(file)}"] = Convert.ToBase64String(File.ReadAllBytes(file));
            }
        }

        string kek = Path.Combine(dataDirectory, KeyEncryptionKey.GeneratedFileName);
        if (File.Exists(kek))
        {
            files[KeyEncryptionKey.GeneratedFileName] = Convert.ToBase64String(File.ReadAllBytes(kek));
        }

        byte[] plaintext = JsonSerializer.SerializeToUtf8Bytes(files);
        byte[] nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        byte[] tag = new byte[AesGcm.TagByteSizes.MaxSize];
        byte[] ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(backupKey, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, s_associatedData);
        }

        File.WriteAllBytes(target, [.. nonce, .. tag, .. ciphertext]);
    }

    /// <summary>Writes the archived files into <paramref name="dataDirectory"/>; a wrong key or a changed archive throws.</summary>
    public static void Restore(string archive, string dataDirectory, byte[] backupKey)
    {
        byte[] sealedBytes = File.ReadAllBytes(archive);
        int nonceSize = AesGcm.NonceByteSizes.MaxSize, tagSize = AesGcm.TagByteSizes.MaxSize;
        byte[] plaintext = new byte[sealedBytes.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(backupKey, tagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize + tagSize), sealedBytes.AsSpan(nonceSize, tagSize), plaintext, s_associatedData);
        }

        foreach ((string name, string content) in JsonSerializer.Deserialize<Dictionary<string, string>>(plaintext) ?? [])
        {
            string path = Path.GetFullPath(Path.Combine(dataDirectory, name));
            if (!path.StartsWith(Path.GetFullPath(dataDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The key archive names '{name}', outside the data directory.");
            }

            Storage.OwnerOnlyFiles.SecureDirectory(Path.GetDirectoryName(path)!);
            Storage.OwnerOnlyFiles.SecureFile(path);
            File.WriteAllBytes(path, Convert.FromBase64String(content));
        }
    }
}
