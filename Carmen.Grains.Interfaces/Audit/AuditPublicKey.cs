using System.Security.Cryptography;

namespace Carmen.Grains.Interfaces.Audit;

/// <summary>An Ed25519 public key that signs checkpoints (32 raw bytes), with the fingerprint people compare.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditPublicKey")]
public sealed record AuditPublicKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] PublicKey,
    [property: Id(2)] DateTimeOffset CreatedAt)
{
    /// <summary>SHA-256 of the raw public key, lower-case hex.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(PublicKey));
}
