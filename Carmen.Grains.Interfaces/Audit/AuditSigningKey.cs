namespace Carmen.Grains.Interfaces.Audit;

/// <summary>An Ed25519 signing key: its id, its 32-byte private seed and its public key.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditSigningKey")]
public sealed record AuditSigningKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] PrivateSeed,
    [property: Id(2)] AuditPublicKey PublicKey);
