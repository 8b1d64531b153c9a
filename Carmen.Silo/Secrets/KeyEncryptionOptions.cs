namespace Carmen.Silo.Secrets;

/// <summary>
/// The "Carmen:DataProtection" section: the key that encrypts the data-protection key ring, which in turn encrypts the
/// grain state holding secrets. Give it as <see cref="KeyEncryptionKeyFile"/> (a mounted secret) or
/// <see cref="KeyEncryptionKey"/> (an environment variable): 32 random bytes in base64, <c>openssl rand -base64 32</c>.
/// </summary>
public sealed class KeyEncryptionOptions
{
    public const string SectionName = "Carmen:DataProtection";

    /// <summary>The key in base64.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>A file holding the key in base64, read at start.</summary>
    public string? KeyEncryptionKeyFile { get; set; }

    /// <summary>True when the operator gave a key in either form.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(KeyEncryptionKey) || !string.IsNullOrWhiteSpace(KeyEncryptionKeyFile);
}
