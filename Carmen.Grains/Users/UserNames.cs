using System.Text.RegularExpressions;
using Carmen.Grains.Interfaces;

namespace Carmen.Grains.Users;

/// <summary>Usernames are case-insensitive: stored and keyed in lower case.</summary>
public static partial class UserNames
{
    public static string Normalize(string? username)
    {
        string normalized = username?.Trim().ToLowerInvariant() ?? "";
        return UsernamePattern().IsMatch(normalized)
            ? normalized
            : throw CarmenException.Invalid("username", "A username is 2 to 64 letters, digits or '.', '_', '-', '@'.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{1,63}$")]
    private static partial Regex UsernamePattern();
}
