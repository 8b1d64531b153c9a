using System.Globalization;
using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>A business calendar: an IANA time zone, working stretches per weekday, and holidays (yyyy-MM-dd).</summary>
public sealed record BusinessCalendarContract(string? Id, string? Name, string? TimeZone, IReadOnlyList<WorkingHoursContract>? WorkingHours, IReadOnlyList<DateOnly>? Holidays)
{
    public static BusinessCalendarContract From(BusinessCalendar calendar) => new(
        calendar.Id, calendar.Name, calendar.TimeZone,
        [.. calendar.WorkingHours.Select(stretch => new WorkingHoursContract(
            stretch.Day.ToString().ToLowerInvariant(), stretch.From.ToString("HH:mm", CultureInfo.InvariantCulture), stretch.To.ToString("HH:mm", CultureInfo.InvariantCulture)))],
        calendar.Holidays);
}
