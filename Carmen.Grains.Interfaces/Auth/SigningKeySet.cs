namespace Carmen.Grains.Interfaces.Auth;

/// <summary>The key new tokens are signed with and every key whose tokens are still accepted.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SigningKeySet")]
public sealed record SigningKeySet(
    [property: Id(0)] string ActiveKeyId,
    [property: Id(1)] IReadOnlyList<SigningKey> Keys)
{
    /// <summary>The key new tokens are signed with.</summary>
    public SigningKey ActiveKey => Keys.First(key => key.KeyId == ActiveKeyId);
}
