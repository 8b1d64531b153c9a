using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Contracts;

/// <summary>A key that signs audit checkpoints: raw Ed25519 public key (base64) and its SHA-256 fingerprint (hex).</summary>
public sealed record AuditPublicKeyResponse(string KeyId, byte[] PublicKey, string Fingerprint, DateTimeOffset CreatedAt)
{
    public static AuditPublicKeyResponse From(AuditPublicKey key) => new(key.KeyId, key.PublicKey, key.Fingerprint, key.CreatedAt);
}
