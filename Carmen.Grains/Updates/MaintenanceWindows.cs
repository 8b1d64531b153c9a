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
        CronSchedules.Parse(window.Schedule, $"{field}.schedule");
        CronSchedules.Zone(window.TimeZone, $"{field}.timeZone");
        return window.Duration < TimeSpan.FromMinutes(1) || window.Duration > s_maxDuration
            ? throw CarmenException.Invalid($"{field}.duration", "A window lasts 00:01:00 to 7.00:00:00.")
            : window;
    }

    /// <summary>Whether a window started at most one duration ago, so installing may begin now.</summary>
    public static bool IsOpen(MaintenanceWindow window, DateTimeOffset now)
    {
        CronExpression schedule = CronSchedules.Parse(window.Schedule, "schedule");
        TimeZoneInfo zone = CronSchedules.Zone(window.TimeZone, "timeZone");
        return schedule.GetOccurrences(now.UtcDateTime - window.Duration, now.UtcDateTime, zone, fromInclusive: false, toInclusive: true).Any();
    }

    /// <summary>When the next window opens, if ever.</summary>
    public static DateTimeOffset? NextOpening(MaintenanceWindow window, DateTimeOffset now) =>
        CronSchedules.Parse(window.Schedule, "schedule").GetNextOccurrence(now, CronSchedules.Zone(window.TimeZone, "timeZone"));

}
