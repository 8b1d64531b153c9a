using Carmen.Grains.Interfaces;

namespace Carmen.Grains.Users;

/// <summary>
/// What a password must be (NIST SP 800-63B's advice): long enough, not among the passwords every guessing tool tries
/// first, not one or two characters repeated, and not the username. No composition rules: they make passwords worse, not better.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    /// <summary>Throws a validation error on <paramref name="field"/> saying what is wrong, or returns the password.</summary>
    public static string Require(string? password, string username, string field = "password")
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            throw Refused(field, $"A password is at least {MinLength} characters.");
        }

        if (password.Length > MaxLength)
        {
            throw Refused(field, $"A password is at most {MaxLength} characters.");
        }

        string lower = password.ToLowerInvariant();
        if (CommonPasswords.Contains(lower) || lower.Distinct().Count() <= 2)
        {
            throw Refused(field, "This password is among the most common ones, which are guessed first; choose another.");
        }

        return lower == username || lower == new string([.. username.Reverse()])
            ? throw Refused(field, "A password is not the username.")
            : password;
    }

    private static CarmenException Refused(string field, string why) => CarmenException.Invalid(field, why);
}
