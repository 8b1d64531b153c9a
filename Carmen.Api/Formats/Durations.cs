using System.Globalization;
using Carmen.Grains.Interfaces;

namespace Carmen.Api.Formats;

/// <summary>Durations as the API takes them ("HH:MM:SS", "d.HH:MM:SS" beyond a day), so a value read back can be sent again.</summary>
public static class Durations
{
    public static string? Format(TimeSpan? duration) => duration?.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>A duration "[d.]HH:MM:SS" of a request; null stays null; anything else is a validation error naming <paramref name="field"/>.</summary>
    public static TimeSpan? Parse(string? text, string field) => text is null
        ? null
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan duration)
            ? duration
            : throw CarmenException.Invalid(field, $"{field} is a duration \"[d.]HH:MM:SS\" (for example \"02:00:00\" or \"1.02:00:00\").");
}
