using System.Buffers.Text;
using System.Security.Cryptography;
using Carmen.Grains.Interfaces;

namespace Carmen.Grains.Devices;

/// <summary>
/// Device access tokens: 192 random bits, URL-safe, usable as an MQTT username. Only a SHA-256 hash is stored;
/// a fast hash is right here because the tokens are random, not chosen by people.
/// </summary>
public static class AccessTokens
{
    private const int MinLength = 16;
    private const int MaxLength = 128;

    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => TokenHashes.Of(token);

    /// <summary>Accepts a token a device maker provisioned, or throws naming <paramref name="field"/>.</summary>
    public static string RequireValid(string token, string field)
    {
        if (token.Length is < MinLength or > MaxLength || token.Any(c => c is <= ' ' or > '~'))
        {
            throw CarmenException.Invalid(field, $"An access token is {MinLength} to {MaxLength} printable ASCII characters without spaces.");
        }

        return token;
    }
}
