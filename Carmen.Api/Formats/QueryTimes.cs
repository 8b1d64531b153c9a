using System.Globalization;
using Carmen.Grains.Interfaces;

namespace Carmen.Api.Formats;

/// <summary>Times in query strings: Unix milliseconds (as telemetry history takes them) or ISO 8601 with an offset.</summary>
public static class QueryTimes
{
    /// <summary>The time given, null when none is; anything else is a validation error on <paramref name="field"/>.</summary>
    public static DateTimeOffset? Parse(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds) && milliseconds <= UnixTimes.MaxMilliseconds)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at
            : throw CarmenException.Invalid(field, $"{field} is Unix milliseconds or an ISO 8601 time such as 2026-11-01T00:00:00Z.");
    }
}
