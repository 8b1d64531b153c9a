using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Grains.Backups;

/// <summary>What backup settings must be: each fault is a validation error naming its field.</summary>
public static class BackupSettingsRules
{
    private const int MaxKept = 10_000;

    public static BackupSettings Validate(BackupSettings settings)
    {
        if (settings.Schedule.Length > 0)
        {
            CronSchedules.Parse(settings.Schedule, "schedule");
        }

        if (settings.DrillSchedule.Length > 0)
        {
            CronSchedules.Parse(settings.DrillSchedule, "drillSchedule");
        }

        CronSchedules.Zone(settings.TimeZone, "timeZone");
        if ((settings.Schedule.Length > 0 || settings.DrillSchedule.Length > 0) && settings.Destination.Length == 0)
        {
            throw CarmenException.Invalid("destination", "A schedule needs a destination: the directory backups go to.");
        }

        BackupRetentionPolicy retention = settings.Retention;
        (string Field, int Value)[] counts = [("keepLast", retention.KeepLast), ("daily", retention.Daily), ("weekly", retention.Weekly), ("monthly", retention.Monthly)];
        foreach ((string field, int value) in counts)
        {
            if (value is < 0 or > MaxKept)
            {
                throw CarmenException.Invalid($"retention.{field}", $"Keep 0 to {MaxKept} backups.");
            }
        }

        if (retention.KeepLast + retention.Daily + retention.Weekly + retention.Monthly == 0)
        {
            throw CarmenException.Invalid("retention", "Keep at least one backup: set keepLast, daily, weekly or monthly.");
        }

        return settings.MaxAge <= TimeSpan.Zero
            ? throw CarmenException.Invalid("maxAge", "The limit is a positive duration, such as \"1.02:00:00\" (26 hours), or null for none.")
            : settings.MaxDrillAge <= TimeSpan.Zero
            ? throw CarmenException.Invalid("maxDrillAge", "The limit is a positive duration, such as \"8.00:00:00\", or null for none.")
            : settings;
    }

    /// <summary>The next time <paramref name="schedule"/> fires after <paramref name="now"/>; null for an empty schedule.</summary>
    public static DateTimeOffset? Next(string schedule, string timeZone, DateTimeOffset now) =>
        schedule.Length == 0 ? null : CronSchedules.Parse(schedule, "schedule").GetNextOccurrence(now, CronSchedules.Zone(timeZone, "timeZone"));
}
