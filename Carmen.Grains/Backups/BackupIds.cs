using System.Globalization;

namespace Carmen.Grains.Backups;

/// <summary>A backup is named by the time it was taken (UTC, to the second), so a repository lists them in order.</summary>
public static class BackupIds
{
    private const string Format = "yyyyMMdd'T'HHmmss'Z'";

    public static string For(DateTimeOffset takenAt) => takenAt.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="id"/> names a backup: only then may it become part of a path.</summary>
    public static bool IsValid(string id) =>
        DateTime.TryParseExact(id, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _);
}
