using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>The platform's backups: their health, the runs since the node started (newest first), and the repository's backups (newest first).</summary>
public sealed record BackupListResponse(BackupHealthResponse Health, List<BackupRunResponse> Runs, List<BackupSummaryResponse> Items)
{
    public static BackupListResponse From(BackupListing listing) =>
        new(BackupHealthResponse.From(listing.Health), [.. listing.Runs.Select(BackupRunResponse.From)], [.. listing.Backups.Select(BackupSummaryResponse.From)]);
}
