using Carmen.Grains.Interfaces.Auth;

namespace Carmen.Grains.Auth;

[GenerateSerializer, Alias("Carmen.SigningKeyState")]
public sealed class SigningKeyState
{
    [Id(0)] public string ActiveKeyId { get; set; } = "";
    [Id(1)] public List<SigningKey> Keys { get; set; } = [];

    /// <summary>When each retired key stops validating tokens, by key id.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> RetireAt { get; set; } = [];
}
