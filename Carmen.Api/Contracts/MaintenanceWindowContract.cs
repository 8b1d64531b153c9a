using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>A maintenance window: cron schedule of window starts, duration ("HH:MM:SS"), IANA time zone (default UTC).</summary>
public sealed record MaintenanceWindowContract(string? Schedule, string? Duration, string? TimeZone = null)
{
    public static MaintenanceWindowContract? From(MaintenanceWindow? window) => window is null
        ? null
        : new(window.Schedule, Durations.Format(window.Duration), window.TimeZone);
}
