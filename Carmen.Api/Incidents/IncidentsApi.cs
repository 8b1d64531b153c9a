using System.Text.Json;
using Carmen.Api.Access;
using Carmen.Api.Audit;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Incidents;

/// <summary>
/// Security incidents: one call quarantines, revokes, rotates, disconnects and blocks over a set of devices, with
/// per-device progress, each step in the audit trail under the incident's id. The caller acts only on devices where
/// it holds what each action needs (devices.write to quarantine or disconnect, devices.credentials for credentials);
/// it sees an incident when it reads devices in every cluster the incident touched.
/// </summary>
public static class IncidentsApi
{
    private const int DefaultDeviceLimit = 1000;

    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder incidents = tenant.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapPost("/", OpenAsync).RequirePermissionAnywhere(Permissions.DevicesWrite)
            .WithSummary("Opens an incident over devices (ids, or a filter); its actions run in the background (status running, then contained).");
        incidents.MapGet("/", ListAsync).RequirePermissionAnywhere(Permissions.DevicesRead);
        incidents.MapGet("/{incidentId:long}", GetAsync).RequirePermissionAnywhere(Permissions.DevicesRead);
        incidents.MapGet("/{incidentId:long}/devices", ListDevicesAsync).RequirePermissionAnywhere(Permissions.DevicesRead)
            .WithSummary("The incident's devices with each action's outcome (?status=failed, ?offset=, ?limit= up to 100000).");
        incidents.MapGet("/{incidentId:long}/export", ExportAsync).RequirePermissionAnywhere(Permissions.DevicesRead)
            .WithSummary("The incident's record for its report (JSON attachment): timeline, devices, every step and who did it.");
        incidents.MapPost("/{incidentId:long}/release", ReleaseAsync).RequirePermissionAnywhere(Permissions.DevicesWrite)
            .WithSummary("Lifts isolation and enrollment blocks device by device; revoked certificates and rotated tokens stay so (re-provision the devices).");
        return tenant;
    }

    public static async Task<Created<IncidentResponse>> OpenAsync([AsParameters] TenantScope scope, CreateIncidentRequest request)
    {
        IReadOnlyList<IncidentAction> actions = request.Actions is { Count: > 0 } asked
            ? asked
            : throw CarmenException.Invalid("actions", "Name at least one action: quarantine, revokeCertificates, rotateTokens, disconnect, blockEnrollment.");
        IncidentFilterContract? filter = request.Filter;
        var spec = new IncidentSpec(
            request.Title ?? "", request.Devices,
            filter is null ? null : new IncidentDeviceFilter(
                filter.ClusterIds ?? (filter.ClusterId is string cluster ? [cluster] : null),
                filter.Labels ?? (filter.Label is string label ? [label] : null), filter.Type, filter.FirmwareVersion, filter.PostureFinding),
            actions, AuditEntries.Actor(scope.Http), AllowedClusters(scope, actions));
        long id = await scope.Grain<IIncidentDirectoryGrain>(scope.TenantId).ReserveAsync(scope.CancellationToken);
        IncidentInfo opened = await Incident(scope, id).OpenAsync(spec, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/incidents/{id}", IncidentResponse.From(opened));
    }

    public static async Task<Ok<List<IncidentResponse>>> ListAsync([AsParameters] TenantScope scope)
    {
        IReadOnlyList<long> ids = await scope.Grain<IIncidentDirectoryGrain>(scope.TenantId).ListAsync(scope.CancellationToken);
        IncidentInfo?[] incidents = await Task.WhenAll(ids.Select(id => Incident(scope, id).FindAsync(scope.CancellationToken)));
        return TypedResults.Ok(incidents.OfType<IncidentInfo>().Where(incident => Sees(scope, incident)).Select(IncidentResponse.From).ToList());
    }

    public static async Task<Ok<IncidentResponse>> GetAsync([AsParameters] TenantScope scope, long incidentId) =>
        TypedResults.Ok(IncidentResponse.From(await RequireVisibleAsync(scope, incidentId)));

    public static async Task<Ok<List<IncidentDeviceResponse>>> ListDevicesAsync(
        [AsParameters] TenantScope scope, long incidentId, string? status, int? offset, int? limit)
    {
        IncidentDeviceStatus? only = QueryEnums.Parse<IncidentDeviceStatus>(status, "status");
        if (offset < 0 || limit is < 1 or > IncidentSpec.MaxDevices)
        {
            throw CarmenException.Invalid(offset < 0 ? "offset" : "limit", $"offset is 0 or more; limit is 1 to {IncidentSpec.MaxDevices}.");
        }

        await RequireVisibleAsync(scope, incidentId);
        IReadOnlyList<IncidentDevice> devices = await Incident(scope, incidentId)
            .ListDevicesAsync(offset ?? 0, limit ?? DefaultDeviceLimit, only, scope.CancellationToken);
        return TypedResults.Ok(devices.Select(IncidentDeviceResponse.From).ToList());
    }

    public static async Task<FileContentHttpResult> ExportAsync([AsParameters] TenantScope scope, long incidentId, TimeProvider time, IOptions<JsonOptions> json)
    {
        IncidentInfo incident = await RequireVisibleAsync(scope, incidentId);
        IReadOnlyList<IncidentDevice> devices = await Incident(scope, incidentId).ListDevicesAsync(0, IncidentSpec.MaxDevices, null, scope.CancellationToken);
        AuditActor by = AuditEntries.Actor(scope.Http);
        var export = new IncidentExportResponse(
            time.GetUtcNow(), new AuditActorResponse(by.Kind, by.Name, by.KeyId), IncidentResponse.From(incident), [.. devices.Select(IncidentDeviceResponse.From)]);
        return TypedResults.File(
            JsonSerializer.SerializeToUtf8Bytes(export, json.Value.SerializerOptions), "application/json", $"incident-{scope.TenantId}-{incidentId}.json");
    }

    public static async Task<Ok<IncidentResponse>> ReleaseAsync([AsParameters] TenantScope scope, long incidentId)
    {
        IncidentInfo incident = await RequireVisibleAsync(scope, incidentId);
        foreach (string permission in Needed(incident.Actions))
        {
            scope.Access.RequireCovering(incident.ClusterIds, permission, NotFound(scope, incidentId));
        }

        return TypedResults.Ok(IncidentResponse.From(await Incident(scope, incidentId).ReleaseAsync(AuditEntries.Actor(scope.Http), scope.CancellationToken)));
    }

    /// <summary>The clusters where the caller holds every permission the actions need; null when that is every cluster.</summary>
    private static List<string>? AllowedClusters(TenantScope scope, IReadOnlyList<IncidentAction> actions)
    {
        List<string>? allowed = null;
        foreach (string permission in Needed(actions))
        {
            ClusterSelection selection = scope.Access.Clusters(permission);
            if (!selection.AllClusters)
            {
                allowed = allowed is null ? [.. selection.ClusterIds] : [.. allowed.Where(selection.ClusterIds.Contains)];
            }
        }

        return allowed;
    }

    private static IEnumerable<string> Needed(IReadOnlyList<IncidentAction> actions) =>
        actions.Select(action => action is IncidentAction.Quarantine or IncidentAction.Disconnect ? Permissions.DevicesWrite : Permissions.DevicesCredentials)
            .Append(Permissions.DevicesWrite).Distinct();

    private static async Task<IncidentInfo> RequireVisibleAsync(TenantScope scope, long incidentId) =>
        await Incident(scope, incidentId).FindAsync(scope.CancellationToken) is IncidentInfo incident && Sees(scope, incident)
            ? incident
            : throw CarmenException.NotFound(NotFound(scope, incidentId));

    /// <summary>
    /// An incident is seen by whoever reads devices in every cluster it touched; before it touched any, in every
    /// cluster its opener could act on (so the opener always sees it).
    /// </summary>
    private static bool Sees(TenantScope scope, IncidentInfo incident) =>
        scope.Access.Covers(incident.ClusterIds.Count > 0 ? [.. incident.ClusterIds] : incident.AllowedClusterIds is { } allowed ? [.. allowed] : null, Permissions.DevicesRead);

    private static string NotFound(TenantScope scope, long incidentId) => $"Tenant '{scope.TenantId}' has no incident {incidentId}.";

    private static IIncidentGrain Incident(TenantScope scope, long incidentId) => scope.Grain<IIncidentGrain>(IncidentKeys.Of(scope.TenantId, incidentId));
}
