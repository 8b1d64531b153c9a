using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>The backups' health: newest successful backup and its size, newest intact verification and passed drill, and whether "Backups failing" is raised, with what it says.</summary>
public sealed record BackupHealthResponse(DateTimeOffset? LastSuccessAt, long LastSizeBytes, DateTimeOffset? LastVerifiedAt, DateTimeOffset? LastDrillPassedAt, bool Failing, string Detail)
{
    public static BackupHealthResponse From(BackupHealthSummary health) =>
        new(health.LastSuccessAt, health.LastSizeBytes, health.LastVerifiedAt, health.LastDrillPassedAt, health.Failing, health.Detail);
}
