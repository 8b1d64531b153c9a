using System.Text.RegularExpressions;

namespace Carmen.Grains.Interfaces;

/// <summary>
/// The shapes of ids. Tenant ids appear in URLs, MQTT topics and grain keys, so they are lower-case slugs;
/// device ids may be serial numbers or MAC addresses but never contain '/', which separates grain key parts.
/// </summary>
public static partial class Identifiers
{
    /// <summary>Longest id accepted anywhere.</summary>
    public const int MaxLength = 128;

    /// <summary>True for a tenant, business unit or cluster id: lower-case letters, digits and '-', 2 to 63 characters.</summary>
    public static bool IsValidSlug(string? id) => id is not null && SlugPattern().IsMatch(id);

    /// <summary>True for a device id: letters, digits and '.', '_', ':', '-', starting with a letter or digit, at most 128 characters.</summary>
    public static bool IsValidDeviceId(string? id) => id is not null && DeviceIdPattern().IsMatch(id);

    /// <summary>Throws a validation error naming <paramref name="field"/> unless <paramref name="id"/> is a valid slug.</summary>
    public static string RequireSlug(string? id, string field) =>
        IsValidSlug(id)
            ? id!
            : throw CarmenException.Invalid(field, "Must be 2 to 63 lower-case letters, digits or '-', starting with a letter or digit.");

    /// <summary>Throws a validation error naming <paramref name="field"/> unless <paramref name="id"/> is a valid device id.</summary>
    public static string RequireDeviceId(string? id, string field) =>
        IsValidDeviceId(id)
            ? id!
            : throw CarmenException.Invalid(field, "Must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");

    /// <summary>Turns a display name into a slug candidate ("Plant Berlin 7" becomes "plant-berlin-7").</summary>
    public static string Slugify(string name)
    {
        string slug = NonSlugRun().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 56)
        {
            slug = slug[..56].TrimEnd('-');
        }

        return slug.Length >= 2 ? slug : $"x-{slug}".TrimEnd('-') + "0";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugRun();
}
