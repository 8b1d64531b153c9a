using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Backups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Backups;

/// <summary>
/// The platform's backups, for platform administrators: run one now, list and read them with their verifications and
/// restore drills, verify one, drill one, and set the schedule, destination, retention and limits. The platform's
/// backups grain does the work on the node (docs/backup.md).
/// </summary>
public static class BackupsApi
{
    public static IEndpointRouteBuilder MapBackupsApi(this IEndpointRouteBuilder api)
    {
        RouteGroupBuilder platform = api.MapGroup("/platform").WithTags("Backups").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        platform.MapPost("/backups", RunAsync)
            .WithSummary("Starts a backup now (one at a time; 409 while one runs); follow it at /backups/{id}.");
        platform.MapGet("/backups", ListAsync)
            .WithSummary("The runs since the node started and the repository's backups, newest first, each with its newest verification and drill.");
        platform.MapGet("/backups/{backupId}", GetAsync)
            .WithSummary("One backup: its status, the manifest's summary and state counts, its verifications and restore drills.");
        platform.MapPost("/backups/{backupId}/verify", VerifyAsync)
            .WithSummary("Re-reads the backup: the manifest's signature and every file's size and SHA-256; each problem names its file.");
        platform.MapPost("/backups/{backupId}/drill", DrillAsync)
            .WithSummary("Starts a restore drill into a scratch directory: restore, compare with the manifest, read back; the result shows at /backups/{id}.");
        platform.MapGet("/backup-settings", GetSettingsAsync);
        platform.MapPut("/backup-settings", SetSettingsAsync)
            .WithSummary("Replaces the backup settings (schedule, timeZone, destination, keyFile, retention, drillSchedule, maxAge, maxDrillAge); they take effect at once.");
        return api;
    }

    public static async Task<Accepted<BackupRunResponse>> RunAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        BackupRun run = await Backups(grains).RunAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/platform/backups/{run.Id}", BackupRunResponse.From(run));
    }

    public static async Task<Ok<BackupListResponse>> ListAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(BackupListResponse.From(await Backups(grains).ListAsync(cancellationToken)));

    public static async Task<Ok<BackupDetailsResponse>> GetAsync(IGrainFactory grains, string backupId, CancellationToken cancellationToken) =>
        TypedResults.Ok(BackupDetailsResponse.From(await Backups(grains).GetAsync(backupId, cancellationToken)
            ?? throw CarmenException.NotFound($"There is no backup '{backupId}'.")));

    public static async Task<Ok<BackupVerificationResponse>> VerifyAsync(IGrainFactory grains, string backupId, CancellationToken cancellationToken) =>
        TypedResults.Ok(BackupVerificationResponse.From(await Backups(grains).VerifyAsync(backupId, cancellationToken)));

    public static async Task<Accepted<BackupRunResponse>> DrillAsync(IGrainFactory grains, string backupId, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/api/v1/platform/backups/{backupId}", BackupRunResponse.From(await Backups(grains).DrillAsync(backupId, cancellationToken)));

    public static async Task<Ok<BackupSettingsContract>> GetSettingsAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(BackupSettingsContract.From(await Backups(grains).GetSettingsAsync(cancellationToken)));

    public static async Task<Ok<BackupSettingsContract>> SetSettingsAsync(IGrainFactory grains, BackupSettingsContract request, CancellationToken cancellationToken) =>
        TypedResults.Ok(BackupSettingsContract.From(await Backups(grains).UpdateSettingsAsync(request.ToSettings(), cancellationToken)));

    private static IPlatformBackupsGrain Backups(IGrainFactory grains) => grains.GetGrain<IPlatformBackupsGrain>(0);
}
