using System.ComponentModel.DataAnnotations;
using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Silo.Backup;

/// <summary>
/// Configuration section <c>Carmen:Backup</c>: backups of a single node (the embedded profile), in force until backup
/// settings are set through the API (<c>PUT /api/v1/platform/backup-settings</c>), which then take precedence.
/// </summary>
public sealed class BackupOptions
{
    public const string SectionName = "Carmen:Backup";

    /// <summary>A cron expression (5 fields, or 6 with seconds first), such as "0 3 * * *"; empty: no scheduled backups.</summary>
    public string Schedule { get; set; } = "";

    /// <summary>A cron expression for restore drills of the newest backup (<see cref="RestoreDrill"/>); empty: none.</summary>
    public string DrillSchedule { get; set; } = "";

    /// <summary>The time zone the schedules are read in (an IANA id such as "Europe/Berlin").</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The repository directory backups go to (a local or mounted directory).</summary>
    public string Destination { get; set; } = "";

    /// <summary>The file holding the backup key (32 bytes in base64); without it the key ring is not backed up.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>Where pg_dump and pg_restore are (the PostgreSQL profile); empty: on the PATH.</summary>
    public string PostgresBinDirectory { get; set; } = "";

    /// <summary>How many of the newest backups the repository keeps; others no rule keeps, and artifacts only they held, are deleted.</summary>
    [Range(0, 10_000)]
    public int KeepLast { get; set; } = 7;

    /// <summary>Also keeps the newest backup of each of this many days that have one.</summary>
    [Range(0, 10_000)]
    public int KeepDaily { get; set; }

    /// <summary>Also keeps the newest backup of each of this many ISO weeks that have one.</summary>
    [Range(0, 10_000)]
    public int KeepWeekly { get; set; }

    /// <summary>Also keeps the newest backup of each of this many months that have one.</summary>
    [Range(0, 10_000)]
    public int KeepMonthly { get; set; }

    /// <summary>The newest successful backup older than this (or a failed one) raises the platform alert "Backups failing".</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(26);

    /// <summary>The newest passed restore drill older than this raises "Backups failing" too; unset: no limit.</summary>
    public TimeSpan? MaxDrillAge { get; set; }

    public BackupSettings ToSettings() =>
        new(Schedule, TimeZone, Destination, KeyFile, new BackupRetentionPolicy(KeepLast, KeepDaily, KeepWeekly, KeepMonthly), DrillSchedule, MaxAge, MaxDrillAge);
}
