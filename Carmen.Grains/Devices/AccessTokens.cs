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
    // A token a device maker chooses must be as hard to guess as a generated one (32 characters of base64url): a
    // short or repetitive one could be found by trying, and registering it shows whether another device holds it.
    private const int MinLength = 32;
    private const int MinDistinctCharacters = 12;
    private const int MaxLength = 128;

    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => TokenHashes.Of(token);

    /// <summary>Accepts a token a device maker provisioned, or throws naming <paramref name="field"/>.</summary>
    public static string RequireValid(string token, string field)
    {
        if (token.Length is < MinLength or > MaxLength || token.Any(c => c is <= ' ' or > '~') || token.Distinct().Count() < MinDistinctCharacters)
        {
            throw CarmenException.Invalid(
                field, $"An access token is {MinLength} to {MaxLength} printable ASCII characters without spaces, at least {MinDistinctCharacters} of them different: as hard to guess as a generated one.");
        }

        return token;
    }
}
