using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using NSec.Cryptography;

namespace Carmen.Grains.Licenses;

/// <summary>
/// The license format: the terms as UTF-8 JSON (camelCase, times in ISO 8601), signed as they are with Ed25519, so
/// that a document is verified byte for byte, offline too (docs/licenses.md shows it with openssl).
/// </summary>
public static class LicenseDocuments
{
    private static readonly SignatureAlgorithm s_ed25519 = SignatureAlgorithm.Ed25519;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The terms as the bytes a license signs.</summary>
    public static byte[] Payload(LicenseTerms terms) => JsonSerializer.SerializeToUtf8Bytes(terms, s_json);

    /// <summary>The id of a public key: the first 16 hex digits of SHA-256 over its raw 32 bytes.</summary>
    public static string KeyId(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];

    public static SignedLicense Sign(Key key, LicenseTerms terms)
    {
        byte[] payload = Payload(terms);
        return new SignedLicense(KeyId(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), payload, s_ed25519.Sign(key, payload));
    }

    /// <summary>
    /// The terms of <paramref name="document"/> when one of <paramref name="trusted"/> signed it; refused, naming the
    /// field, when the key is unknown, the signature does not verify (one byte changed) or the terms do not read.
    /// </summary>
    public static LicenseTerms Verify(SignedLicense document, IReadOnlyList<byte[]> trusted)
    {
        byte[]? publicKey = trusted.FirstOrDefault(key => KeyId(key) == document.KeyId);
        if (publicKey is null)
        {
            throw CarmenException.Invalid("keyId", $"The license is signed by key '{document.KeyId}', which this platform does not trust; a platform administrator adds the issuer's public key to Carmen:Licenses:TrustedKeys.");
        }

        if (document.Signature.Length != s_ed25519.SignatureSize
            || !PublicKey.TryImport(s_ed25519, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? imported)
            || !s_ed25519.Verify(imported!, document.Payload, document.Signature))
        {
            throw CarmenException.Invalid("signature", "The license's signature does not verify: the document was changed after it was signed, or is damaged.");
        }

        LicenseTerms? terms;
        try
        {
            terms = JsonSerializer.Deserialize<LicenseTerms>(document.Payload, s_json);
        }
        catch (JsonException unreadable)
        {
            throw CarmenException.Invalid("payload", $"The license's terms do not read: {unreadable.Message}");
        }

        return LicenseRules.Validate(terms ?? throw CarmenException.Invalid("payload", "The license's terms are empty."));
    }

    /// <summary>A raw 32-byte Ed25519 public key from base64 or from PEM ("BEGIN PUBLIC KEY", SubjectPublicKeyInfo).</summary>
    public static byte[] ReadPublicKey(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal)
            && PublicKey.TryImport(s_ed25519, System.Text.Encoding.ASCII.GetBytes(trimmed), KeyBlobFormat.PkixPublicKeyText, out PublicKey? pem))
        {
            return pem!.Export(KeyBlobFormat.RawPublicKey);
        }

        byte[] raw = Convert.FromBase64String(trimmed);
        return raw.Length == 32 ? raw : throw new FormatException("An Ed25519 public key is 32 bytes (base64) or a PEM public key.");
    }
}
