using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>A backup or restore drill run: kind "backup" or "drill", status "running", "succeeded" or "failed", trigger "manual" or "schedule".</summary>
public sealed record BackupRunResponse(
    string Id, string Kind, string Status, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long? Bytes, double? Seconds, string? Error)
{
    public static BackupRunResponse From(BackupRun run) => new(
        run.Id, run.Kind == BackupRunKind.Backup ? "backup" : "drill", StatusName(run.Status), run.Trigger == BackupTrigger.Manual ? "manual" : "schedule",
        run.StartedAt, run.FinishedAt, run.Bytes, run.Seconds, run.Error);

    public static string StatusName(BackupRunStatus status) => status switch
    {
        BackupRunStatus.Running => "running",
        BackupRunStatus.Succeeded => "succeeded",
        _ => "failed",
    };
}
