namespace Carmen.Grains.Interfaces.Users;

/// <summary>The rule for a user's email address, shared by the API that takes it and the grain that keeps it.</summary>
public static class UserEmails
{
    /// <summary>The longest address mail servers accept (RFC 5321's path limit).</summary>
    public const int MaxLength = 254;

    /// <summary>The address trimmed, null for none; a validation error on "email" for anything that is not one address.</summary>
    public static string? Valid(string? email, string field = "email")
    {
        if (email is null)
        {
            return null;
        }

        string trimmed = email.Trim();
        int at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return trimmed.Length is > 2 and <= MaxLength && at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 1
            && !trimmed.Any(character => char.IsWhiteSpace(character) || char.IsControl(character) || character is '<' or '>' or ',' or ';' or '"')
            ? trimmed
            : throw CarmenException.Invalid(field, "A single email address is required, such as ana@example.com.");
    }
}
