using System.Security.Cryptography;

namespace Carmen.Grains.Interfaces.ApiKeys;

/// <summary>
/// An API key: <c>carmen_</c>, a 16-character id that finds it, an underscore and 256 random bits in base64url. The id
/// is its visible prefix; only the SHA-256 of the whole key is stored.
/// </summary>
public static class ApiKeyTokens
{
    /// <summary>How every key begins, so a bearer token is told from a signed one at a glance.</summary>
    public const string Scheme = "carmen_";

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly System.Buffers.SearchValues<char> s_idCharacters = System.Buffers.SearchValues.Create(IdAlphabet);

    /// <summary>A new key id.</summary>
    public static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, 16);

    /// <summary>A new key of id <paramref name="id"/>.</summary>
    public static string New(string id) => $"{Scheme}{id}_{System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    /// <summary>The id in a key, or null when it is not one.</summary>
    public static string? IdOf(string key) =>
        key.StartsWith(Scheme, StringComparison.Ordinal) && key.Length > Scheme.Length + 17 && key[Scheme.Length + 16] == '_'
        && key.AsSpan(Scheme.Length, 16).IndexOfAnyExcept(s_idCharacters) < 0
            ? key.Substring(Scheme.Length, 16)
            : null;
}
