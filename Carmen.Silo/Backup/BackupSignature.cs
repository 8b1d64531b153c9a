using System.Security.Cryptography;
using NSec.Cryptography;

namespace Carmen.Silo.Backup;

/// <summary>
/// manifest.sig: the Ed25519 signature over manifest.json's bytes, with the signing public key and its fingerprint
/// (SHA-256 of the raw key, hex), which an operator pins when verifying (<c>--fingerprint</c>).
/// </summary>
public sealed record BackupSignature(string Fingerprint, string PublicKey, string Signature)
{
    private static readonly SignatureAlgorithm s_ed25519 = SignatureAlgorithm.Ed25519;

    public static BackupSignature Sign(Key key, byte[] manifest)
    {
        byte[] publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        return new BackupSignature(FingerprintOf(publicKey), Convert.ToBase64String(publicKey), Convert.ToBase64String(s_ed25519.Sign(key, manifest)));
    }

    public bool Verifies(byte[] manifest)
    {
        try
        {
            byte[] publicKey = Convert.FromBase64String(PublicKey);
            return FingerprintOf(publicKey) == Fingerprint
                && NSec.Cryptography.PublicKey.TryImport(s_ed25519, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? imported)
                && s_ed25519.Verify(imported!, manifest, Convert.FromBase64String(Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string FingerprintOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey));
}
