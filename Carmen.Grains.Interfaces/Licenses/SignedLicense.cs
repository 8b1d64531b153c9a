namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// A license document: the terms as UTF-8 JSON (the exact bytes signed) and an Ed25519 signature over them by the key
/// <paramref name="KeyId"/>. Its file form is JSON with both in base64 (docs/licenses.md).
/// </summary>
/// <param name="KeyId">The signing key's id (the first 16 hex digits of SHA-256 over its raw public key).</param>
/// <param name="Payload">The terms, UTF-8 JSON.</param>
/// <param name="Signature">Ed25519 over <paramref name="Payload"/>, 64 bytes.</param>
[GenerateSerializer, Immutable, Alias("Carmen.SignedLicense")]
public sealed record SignedLicense(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] Payload,
    [property: Id(2)] byte[] Signature);
