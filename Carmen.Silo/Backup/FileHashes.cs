using System.Security.Cryptography;

namespace Carmen.Silo.Backup;

/// <summary>SHA-256 of files, streamed.</summary>
internal static class FileHashes
{
    public static BackupFile Of(string path, string name)
    {
        using FileStream file = File.OpenRead(path);
        return new BackupFile(name, file.Length, Convert.ToHexStringLower(SHA256.HashData(file)));
    }
}
