namespace Carmen.Grains.Interfaces.Auth;

/// <summary>A symmetric key that signs operator tokens (HMAC-SHA256).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SigningKey")]
public sealed record SigningKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] Secret,
    [property: Id(2)] DateTimeOffset CreatedAt);
