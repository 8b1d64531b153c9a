using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>
/// The platform's backup settings, replaced whole by a PUT: schedule and drillSchedule are cron expressions (5 fields,
/// or 6 with seconds first; empty or absent: none) in timeZone (IANA, default UTC); destination is the repository
/// directory on the node; keyFile the node's file with the backup key; maxAge and maxDrillAge ("[d.]HH:MM:SS"; absent:
/// no limit) how old the newest backup and the newest passed drill may be before the platform alert "Backups failing".
/// </summary>
public sealed record BackupSettingsContract(
    string? Schedule, string? TimeZone, string? Destination, string? KeyFile, BackupRetentionContract? Retention, string? DrillSchedule, string? MaxAge, string? MaxDrillAge)
{
    public static BackupSettingsContract From(BackupSettings settings) => new(
        settings.Schedule, settings.TimeZone, settings.Destination, settings.KeyFile, BackupRetentionContract.From(settings.Retention), settings.DrillSchedule,
        Durations.Format(settings.MaxAge), Durations.Format(settings.MaxDrillAge));

    public BackupSettings ToSettings() => new(
        Schedule ?? "", TimeZone ?? "UTC", Destination ?? "", KeyFile ?? "", (Retention ?? new(null, null, null, null)).ToPolicy(), DrillSchedule ?? "",
        Durations.Parse(MaxAge, "maxAge"), Durations.Parse(MaxDrillAge, "maxDrillAge"));
}
