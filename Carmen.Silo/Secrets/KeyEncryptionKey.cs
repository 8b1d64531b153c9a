using System.Security.Cryptography;
using Carmen.Silo.Storage;

namespace Carmen.Silo.Secrets;

/// <summary>
/// The 256-bit key that encrypts the data-protection key ring at rest. Read from configuration; a single node without
/// one makes its own in the data directory, so a copy of the databases alone (a backup, a stolen disk image of the
/// database volume) reveals no secret.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int Length = 32;

    /// <summary>The file a single node makes when no key is configured.</summary>
    public const string GeneratedFileName = "key-encryption.key";

    private KeyEncryptionKey(byte[] key, string source)
    {
        Key = key;
        Source = source;
    }

    public byte[] Key { get; }

    /// <summary>Where the key came from, for the start-up log (never the key).</summary>
    public string Source { get; }

    /// <summary>The configured key, or null when none is configured.</summary>
    public static KeyEncryptionKey? FromOptions(KeyEncryptionOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyEncryptionKey))
        {
            return new KeyEncryptionKey(Parse(options.KeyEncryptionKey, $"{KeyEncryptionOptions.SectionName}:KeyEncryptionKey"), "configuration");
        }

        if (string.IsNullOrWhiteSpace(options.KeyEncryptionKeyFile))
        {
            return null;
        }

        string path = options.KeyEncryptionKeyFile;
        string text = File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{KeyEncryptionOptions.SectionName}:KeyEncryptionKeyFile names '{path}', which does not exist.");
        return new KeyEncryptionKey(Parse(text, path), path);
    }

    /// <summary>The key in <paramref name="dataDirectory"/>, made (owner-only) the first time.</summary>
    public static KeyEncryptionKey InDataDirectory(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, GeneratedFileName);
        if (!File.Exists(path))
        {
            OwnerOnlyFiles.SecureDirectory(dataDirectory);
            OwnerOnlyFiles.SecureFile(path);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(Length)) + "\n");
        }

        return new KeyEncryptionKey(Parse(File.ReadAllText(path), path), path);
    }

    private static byte[] Parse(string text, string where)
    {
        byte[]? key = null;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
        }

        return key is { Length: Length }
            ? key
            : throw new InvalidOperationException($"The key encryption key in {where} must be {Length} bytes in base64 (openssl rand -base64 {Length}).");
    }
}
