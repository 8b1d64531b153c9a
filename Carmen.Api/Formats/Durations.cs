using System.Globalization;

namespace Carmen.Api.Formats;

/// <summary>Durations as the API takes them ("HH:MM:SS", "d.HH:MM:SS" beyond a day), so a value read back can be sent again.</summary>
public static class Durations
{
    public static string? Format(TimeSpan? duration) => duration?.ToString("c", CultureInfo.InvariantCulture);
}
