namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>A public key that signs licenses, to verify them offline.</summary>
/// <param name="KeyId">Its id, as license documents name it.</param>
/// <param name="PublicKey">The raw 32-byte Ed25519 public key.</param>
/// <param name="CreatedAt">When the platform made it.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseSigningKey")]
public sealed record LicenseSigningKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] PublicKey,
    [property: Id(2)] DateTimeOffset CreatedAt);
