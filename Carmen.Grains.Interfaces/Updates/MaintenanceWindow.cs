namespace Carmen.Grains.Interfaces.Updates;

/// <summary>
/// When installing may start: a cron schedule (5 fields, or 6 with seconds first as in hawkBit) of window starts, how
/// long each window lasts, and the IANA time zone the schedule is read in.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.MaintenanceWindow")]
public sealed record MaintenanceWindow(
    [property: Id(0)] string Schedule,
    [property: Id(1)] TimeSpan Duration,
    [property: Id(2)] string TimeZone);
