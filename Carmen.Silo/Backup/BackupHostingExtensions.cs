namespace Carmen.Silo.Backup;

internal static class BackupHostingExtensions
{
    /// <summary>Scheduled backups of a single node, when <c>Carmen:Backup:Schedule</c> is set.</summary>
    public static void AddScheduledBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.SectionName).ValidateDataAnnotations()
            .Validate(backup => backup.Schedule.Length == 0 || ScheduledBackups.IsSchedule(backup.Schedule), "Carmen:Backup:Schedule is not a cron expression (5 fields, or 6 with seconds).")
            .Validate(backup => backup.DrillSchedule.Length == 0 || ScheduledBackups.IsSchedule(backup.DrillSchedule), "Carmen:Backup:DrillSchedule is not a cron expression (5 fields, or 6 with seconds).")
            .Validate(backup => backup.Schedule.Length == 0 || backup.Destination.Length > 0, "Carmen:Backup:Schedule needs Carmen:Backup:Destination, the directory backups go to.")
            .Validate(backup => TimeZoneInfo.TryFindSystemTimeZoneById(backup.TimeZone, out _), "Carmen:Backup:TimeZone is not a known time zone.")
            .ValidateOnStart();
        if (builder.Configuration[$"{BackupOptions.SectionName}:Schedule"] is { Length: > 0 })
        {
            builder.Services.AddHostedService<ScheduledBackups>();
        }
    }
}
