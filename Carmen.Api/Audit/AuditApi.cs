using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Audit;

/// <summary>
/// The audit trail of a tenant (and, for platform administrators, the platform's): search, verification of the hash
/// chain and its signed checkpoints, an export that verifies offline, and retention.
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder tenant)
    {
        // The trail spans the whole tenant, so reading it is a tenant-wide right; shortening it is managing access.
        RouteGroupBuilder audit = tenant.MapGroup("/audit").WithTags("Audit").RequirePermission(Permissions.AuditRead);
        audit.MapGet("/", (string tenantId, [AsParameters] AuditFilter filter, IGrainFactory grains, CancellationToken cancellationToken) =>
            QueryAsync(grains.GetGrain<IAuditTrailGrain>(tenantId), filter, cancellationToken))
            .WithSummary("Records newest first (?from=&to=&actor=&action=&targetType=&targetId=&source=&before=&limit=).");
        audit.MapGet("/verify", (string tenantId, IGrainFactory grains, CancellationToken cancellationToken) =>
            VerifyAsync(grains.GetGrain<IAuditTrailGrain>(tenantId), cancellationToken))
            .WithSummary("Walks the hash chain and the signed checkpoints: \"intact\", or the first record that breaks it.");
        audit.MapGet("/export", (string tenantId, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, TimeProvider time) =>
            Export(grains.GetGrain<IAuditTrailGrain>(tenantId), from, to, time))
            .WithSummary("The period's records as stored, their checkpoints and public keys; verify with deploy/audit/verify-audit-export.mjs.");
        audit.MapGet("/retention", (string tenantId, IGrainFactory grains, CancellationToken cancellationToken) =>
            RetentionAsync(grains.GetGrain<IAuditTrailGrain>(tenantId), cancellationToken));
        audit.MapPut("/retention", ([AsParameters] TenantScope scope, AuditRetentionRequest request) =>
            SetRetentionAsync(scope.Grain<IAuditTrailGrain>(scope.TenantId), request, scope.Http))
            .RequirePermission(Permissions.AccessManage)
            .WithSummary("Keeps records for so many days (null: for good); older ones are removed daily below a signed checkpoint.");
        return tenant;
    }

    public static RouteGroupBuilder MapPlatformAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit/keys", GetKeysAsync).WithTags("Audit")
            .WithSummary("The Ed25519 keys that sign audit checkpoints, with fingerprints to pin when verifying offline.");
        RouteGroupBuilder audit = api.MapGroup("/platform/audit").WithTags("Audit").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        audit.MapGet("/", (IGrainFactory grains, [AsParameters] AuditFilter filter, CancellationToken cancellationToken) =>
            QueryAsync(Platform(grains), filter, cancellationToken)).WithSummary("The platform's own records: tenants, platform settings.");
        audit.MapGet("/verify", (IGrainFactory grains, CancellationToken cancellationToken) => VerifyAsync(Platform(grains), cancellationToken));
        audit.MapGet("/export", (IGrainFactory grains, DateTimeOffset? from, DateTimeOffset? to, TimeProvider time) => Export(Platform(grains), from, to, time));
        audit.MapGet("/retention", (IGrainFactory grains, CancellationToken cancellationToken) => RetentionAsync(Platform(grains), cancellationToken));
        audit.MapPut("/retention", (IGrainFactory grains, AuditRetentionRequest request, HttpContext http) =>
            SetRetentionAsync(Platform(grains), request, http));
        return api;
    }

    private static IAuditTrailGrain Platform(IGrainFactory grains) => grains.GetGrain<IAuditTrailGrain>(AuditChains.Platform);

    private static async Task<Ok<AuditPageResponse>> QueryAsync(IAuditTrailGrain trail, AuditFilter filter, CancellationToken cancellationToken)
    {
        AuditPage page = await trail.QueryAsync(filter.ToQuery(), cancellationToken);
        return TypedResults.Ok(new AuditPageResponse([.. page.Records.Select(AuditRecordResponse.From)], page.NextBeforeId));
    }

    private static async Task<Ok<AuditVerificationResponse>> VerifyAsync(IAuditTrailGrain trail, CancellationToken cancellationToken) =>
        TypedResults.Ok(AuditVerificationResponse.From(await trail.VerifyAsync(cancellationToken)));

    private static PushStreamHttpResult Export(IAuditTrailGrain trail, DateTimeOffset? from, DateTimeOffset? to, TimeProvider time)
    {
        DateTimeOffset since = from ?? DateTimeOffset.UnixEpoch, until = to ?? time.GetUtcNow().AddSeconds(1);
        if (until <= since)
        {
            throw CarmenException.Invalid("to", "'to' is after 'from'.");
        }

        return TypedResults.Stream(stream => AuditExportWriter.WriteAsync(trail, since, until, stream), "application/json");
    }

    private static async Task<Ok<AuditRetentionResponse>> RetentionAsync(IAuditTrailGrain trail, CancellationToken cancellationToken) =>
        TypedResults.Ok(AuditRetentionResponse.From(await trail.GetRetentionAsync(cancellationToken)));

    private static async Task<Ok<AuditRetentionResponse>> SetRetentionAsync(IAuditTrailGrain trail, AuditRetentionRequest request, HttpContext http) =>
        TypedResults.Ok(AuditRetentionResponse.From(await trail.SetRetentionAsync(request.Days, AuditEntries.Actor(http), http.RequestAborted)));

    private static async Task<Ok<IReadOnlyList<AuditPublicKeyResponse>>> GetKeysAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<AuditPublicKeyResponse>>(
            [.. (await grains.GetGrain<IAuditSigningKeyGrain>(0).GetPublicKeysAsync(cancellationToken)).Select(AuditPublicKeyResponse.From)]);
}
