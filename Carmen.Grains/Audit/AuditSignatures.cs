using System.Globalization;
using System.Text;
using Carmen.Grains.Interfaces.Audit;
using NSec.Cryptography;

namespace Carmen.Grains.Audit;

/// <summary>
/// Ed25519 over a checkpoint's text: "carmen-audit-checkpoint:v1", the chain, the record number, the record's hash and
/// the time in Unix milliseconds, one per line (UTF-8, "\n", no trailing newline). docs/audit.md shows it.
/// </summary>
public static class AuditSignatures
{
    private static readonly SignatureAlgorithm s_ed25519 = SignatureAlgorithm.Ed25519;

    public static byte[] Text(string chain, long recordId, string recordHash, DateTimeOffset at) => Encoding.UTF8.GetBytes(
        string.Join('\n', "carmen-audit-checkpoint:v1", chain, recordId.ToString(CultureInfo.InvariantCulture), recordHash,
            at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));

    /// <summary>A checkpoint over record <paramref name="recordId"/>, signed with <paramref name="key"/>.</summary>
    public static AuditCheckpoint Sign(Key key, string keyId, string chain, long recordId, string recordHash, DateTimeOffset at)
    {
        // Milliseconds, as the text carries them, so the stored time and the signed one are the same.
        DateTimeOffset signedAt = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        byte[] signature = s_ed25519.Sign(key, Text(chain, recordId, recordHash, signedAt));
        return new AuditCheckpoint(chain, recordId, recordHash, signedAt, keyId, signature);
    }

    public static bool Verify(AuditPublicKey publicKey, AuditCheckpoint checkpoint) =>
        PublicKey.TryImport(s_ed25519, publicKey.PublicKey, KeyBlobFormat.RawPublicKey, out PublicKey? imported)
        && s_ed25519.Verify(imported!, Text(checkpoint.Chain, checkpoint.RecordId, checkpoint.RecordHash, checkpoint.At), checkpoint.Signature);

    /// <summary>A new key whose private seed can be kept (in the encrypted storage for secrets).</summary>
    public static Key CreateKey() =>
        Key.Create(s_ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static Key ImportKey(byte[] privateSeed) =>
        Key.Import(s_ed25519, privateSeed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
}
