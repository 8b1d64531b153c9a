using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Updates;
using Cronos;

namespace Carmen.Grains.Updates;

/// <summary>
/// Reads maintenance windows: a cron schedule of window starts (5 fields, or hawkBit's 6 with seconds first), a
/// duration, and an IANA time zone, so "02:00 every night in Berlin" stays 02:00 across daylight saving changes.
/// </summary>
public static class MaintenanceWindows
{
    private static readonly TimeSpan s_maxDuration = TimeSpan.FromDays(7);

    /// <summary>Throws a validation error naming the field at fault (under <paramref name="field"/>) unless the window is usable.</summary>
    public static MaintenanceWindow Validate(MaintenanceWindow window, string field = "maintenanceWindow")
    {
        Parse(window.Schedule, $"{field}.schedule");
        Zone(window.TimeZone, $"{field}.timeZone");
        return window.Duration < TimeSpan.FromMinutes(1) || window.Duration > s_maxDuration
            ? throw CarmenException.Invalid($"{field}.duration", "A window lasts 00:01:00 to 7.00:00:00.")
            : window;
    }

    /// <summary>Whether a window started at most one duration ago, so installing may begin now.</summary>
    public static bool IsOpen(MaintenanceWindow window, DateTimeOffset now)
    {
        CronExpression schedule = Parse(window.Schedule, "schedule");
        TimeZoneInfo zone = Zone(window.TimeZone, "timeZone");
        return schedule.GetOccurrences(now.UtcDateTime - window.Duration, now.UtcDateTime, zone, fromInclusive: false, toInclusive: true).Any();
    }

    /// <summary>When the next window opens, if ever.</summary>
    public static DateTimeOffset? NextOpening(MaintenanceWindow window, DateTimeOffset now) =>
        Parse(window.Schedule, "schedule").GetNextOccurrence(now, Zone(window.TimeZone, "timeZone"));

    private static CronExpression Parse(string? schedule, string field)
    {
        string[] fields = (schedule ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            return fields.Length switch
            {
                5 => CronExpression.Parse(string.Join(' ', fields), CronFormat.Standard),
                6 => CronExpression.Parse(string.Join(' ', fields), CronFormat.IncludeSeconds),
                _ => throw new CronFormatException("A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first."),
            };
        }
        catch (CronFormatException invalid)
        {
            throw CarmenException.Invalid(field, $"Not a cron schedule: {invalid.Message}");
        }
    }

    private static TimeZoneInfo Zone(string? id, string field) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out TimeZoneInfo? zone)
            ? zone
            : throw CarmenException.Invalid(field, $"Unknown time zone '{id}'; use an IANA name such as \"Europe/Berlin\" or \"UTC\".");
}
