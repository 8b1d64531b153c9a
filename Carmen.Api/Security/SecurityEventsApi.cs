using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Security;

/// <summary>
/// Security events of a tenant (and of the platform): sign-ins, refused credentials, blocked addresses, keys used from
/// new addresses, and the changes to access, keys, invitations and credentials made through the API. They are records
/// of the audit trail, so they are tamper-evident with it.
/// </summary>
public static class SecurityEventsApi
{
    private const int PatternPages = 50;

    public static RouteGroupBuilder MapSecurityEventsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder events = tenant.MapGroup("/security-events").WithTags("Security").RequirePermission(Permissions.AuditRead);
        events.MapGet("/", (string tenantId, [AsParameters] SecurityEventFilter filter, IGrainFactory grains, CancellationToken cancellationToken) =>
            QueryAsync(grains.GetGrain<IAuditTrailGrain>(tenantId), filter, cancellationToken))
            .WithSummary("Security events newest first (?type=&from=&to=&actor=&address=&before=&limit=).");
        events.MapGet("/patterns", async (string tenantId, DateTimeOffset? from, DateTimeOffset? to, string? clusterId, IGrainFactory grains, TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            AccessPatternsResponse patterns = (await PatternsAsync(grains.GetGrain<IAuditTrailGrain>(tenantId), from, to, time, cancellationToken)).Value!;
            return clusterId is null ? TypedResults.Ok(patterns)
                : TypedResults.Ok(patterns with { ClusterAccess = await ClusterAccessAsync(grains, tenantId, clusterId, patterns.From, patterns.To, cancellationToken) });
        })
            .WithSummary("Sign-ins by user, address and hour, the addresses failing most, changes by actor, and with ?clusterId= who called that cluster's resources, over a period (default the last 7 days).");
        return tenant;
    }

    public static RouteGroupBuilder MapPlatformSecurityEventsApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder events = api.MapGroup("/platform/security-events").WithTags("Security").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        events.MapGet("/", (IGrainFactory grains, [AsParameters] SecurityEventFilter filter, CancellationToken cancellationToken) =>
            QueryAsync(grains.GetGrain<IAuditTrailGrain>(AuditChains.Platform), filter, cancellationToken))
            .WithSummary("The platform's security events: platform administrators' sign-ins, refusals of unknown tenants, devices and keys.");
        events.MapGet("/patterns", (IGrainFactory grains, DateTimeOffset? from, DateTimeOffset? to, TimeProvider time, CancellationToken cancellationToken) =>
            PatternsAsync(grains.GetGrain<IAuditTrailGrain>(AuditChains.Platform), from, to, time, cancellationToken));
        return api;
    }

    private static async Task<Ok<SecurityEventPageResponse>> QueryAsync(IAuditTrailGrain trail, SecurityEventFilter filter, CancellationToken cancellationToken)
    {
        AuditPage page = await trail.QueryAsync(filter.ToQuery(), cancellationToken);
        return TypedResults.Ok(new SecurityEventPageResponse([.. page.Records.Select(SecurityEventResponse.From)], page.NextBeforeId));
    }

    /// <summary>Who called a cluster's resources in the period, from the hourly rollup: most calls first.</summary>
    private static async Task<IReadOnlyList<ClusterAccessResponse>> ClusterAccessAsync(
        IGrainFactory grains, string tenantId, string clusterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        DateTimeOffset firstHour = new(from.UtcTicks - from.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        IReadOnlyList<ClusterAccessSample> rows = await grains.GetGrain<IApiUsageGrain>(0).QueryClusterAccessAsync(tenantId, clusterId, firstHour, to, cancellationToken);
        return [.. rows
            .GroupBy(row => (row.Principal, row.KeyId))
            .Select(caller => new ClusterAccessResponse(caller.Key.Principal, caller.Key.KeyId.Length == 0 ? null : caller.Key.KeyId,
                caller.Sum(row => row.Reads), caller.Sum(row => row.Changes), caller.Min(row => row.Hour), caller.Max(row => row.Hour)))
            .OrderByDescending(caller => caller.Reads + caller.Changes)];
    }

    private static async Task<Ok<AccessPatternsResponse>> PatternsAsync(
        IAuditTrailGrain trail, DateTimeOffset? from, DateTimeOffset? to, TimeProvider time, CancellationToken cancellationToken)
    {
        DateTimeOffset until = to ?? time.GetUtcNow(), since = from ?? until.AddDays(-7);
        if (until <= since)
        {
            throw CarmenException.Invalid("to", "'to' is after 'from'.");
        }

        var patterns = new AccessPatterns();
        long? before = null;
        int pages = 0;
        do
        {
            AuditPage page = await trail.QueryAsync(new AuditQuery(since, until, BeforeId: before, Limit: 1000, SecurityOnly: true), cancellationToken);
            page.Records.ToList().ForEach(patterns.Add);
            before = page.NextBeforeId;
        }
        while (before is not null && ++pages < PatternPages);

        return TypedResults.Ok(patterns.ToResponse(since, until, truncated: before is not null));
    }
}
