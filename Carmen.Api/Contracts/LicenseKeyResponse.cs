using System.Security.Cryptography;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>A public key that signs this platform's licenses: raw (base64) and PEM, for verifying a license offline.</summary>
public sealed record LicenseKeyResponse(string KeyId, string PublicKey, string Pem, DateTimeOffset CreatedAt)
{
    // SubjectPublicKeyInfo for Ed25519 (RFC 8410): a fixed 12-byte header, then the 32-byte key.
    private static readonly byte[] s_ed25519Header = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    public static LicenseKeyResponse From(LicenseSigningKey key) => new(
        key.KeyId, Convert.ToBase64String(key.PublicKey), new string(PemEncoding.Write("PUBLIC KEY", [.. s_ed25519Header, .. key.PublicKey])) + "\n", key.CreatedAt);
}
