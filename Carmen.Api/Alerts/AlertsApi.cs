using System.Security.Claims;
using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Alerts;

/// <summary>
/// A tenant's alerts, or the platform's own: listings from the alert index, newest first, and the operator's side of
/// the lifecycle (acknowledge, clear, assign, comment, and acknowledge many at once). An alert id of another owner is
/// not found.
/// </summary>
public static class AlertsApi
{
    /// <summary>A tenant's alerts, assignable to the tenant's users.</summary>
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder alerts = tenant.MapAlertLifecycle("Alerts");
        alerts.MapPost("/{alertId}/assign", AssignAsync).RequirePermissionAnywhere(Permissions.AlertsAcknowledge);
        return tenant;
    }

    /// <summary>The routes a tenant's and the platform's alerts share, under <paramref name="owner"/>'s "/alerts".</summary>
    public static RouteGroupBuilder MapAlertLifecycle(this RouteGroupBuilder owner, string tag)
    {
        RouteGroupBuilder alerts = owner.MapGroup("/alerts").WithTags(tag);
        alerts.MapGet("/", ListAsync).RequirePermissionAnywhere(Permissions.AlertsRead)
            .WithSummary("Alerts newest first; filters state (comma-separated), severity, deviceId, ruleId, clusterId, teamId, from and to (when raised).");
        alerts.MapPost("/acknowledge", AcknowledgeManyAsync).RequirePermissionAnywhere(Permissions.AlertsAcknowledge);
        alerts.MapGet("/{alertId}", GetAsync).RequirePermissionAnywhere(Permissions.AlertsRead);
        alerts.MapPost("/{alertId}/acknowledge", AcknowledgeAsync).RequirePermissionAnywhere(Permissions.AlertsAcknowledge);
        alerts.MapPost("/{alertId}/clear", ClearAsync).RequirePermissionAnywhere(Permissions.AlertsAcknowledge);
        alerts.MapPost("/{alertId}/comments", CommentAsync).RequirePermissionAnywhere(Permissions.AlertsAcknowledge);
        return alerts;
    }

    public static async Task<Ok<AlertListResponse>> ListAsync(
        AlertOwner owner,
        IGrainFactory grains,
        HttpContext http,
        string? state,
        string? severity,
        string? deviceId,
        long? ruleId,
        string? clusterId,
        long? teamId,
        string? from,
        string? to,
        int? pageSize,
        string? continuationToken,
        CancellationToken cancellationToken)
    {
        var query = new AlertQuery(
            state?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => QueryEnums.Parse<AlertState>(name, "state")!.Value).ToList(),
            QueryEnums.Parse<AlertSeverity>(severity, "severity"),
            deviceId,
            ruleId,
            clusterId,
            QueryTimes.Parse(from, "from"),
            QueryTimes.Parse(to, "to"),
            pageSize ?? AlertQuery.DefaultPageSize,
            continuationToken,
            teamId,
            VisibleClusters(http, Permissions.AlertsRead));
        AlertPage page = await Alerts(grains, owner).SearchAsync(query, cancellationToken);
        return TypedResults.Ok(new AlertListResponse([.. page.Items.Select(AlertSummaryResponse.From)], page.Total, query.PageSize, page.ContinuationToken));
    }

    public static async Task<Ok<AlertResponse>> GetAsync(AlertOwner owner, IGrainFactory grains, string alertId, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await RequireOnAlertAsync(http, grains, owner, alertId, Permissions.AlertsRead)
            ?? await Alert(grains, owner, alertId).GetAsync(cancellationToken)));

    public static async Task<Ok<AlertResponse>> AcknowledgeAsync(
        AlertOwner owner, IGrainFactory grains, string alertId, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        await RequireOnAlertAsync(http, grains, owner, alertId, Permissions.AlertsAcknowledge);
        return TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).AcknowledgeAsync(user.Actor(), cancellationToken)));
    }

    public static async Task<Ok<AlertResponse>> ClearAsync(
        AlertOwner owner, IGrainFactory grains, string alertId, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        await RequireOnAlertAsync(http, grains, owner, alertId, Permissions.AlertsAcknowledge);
        return TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).ClearAsync(user.Actor(), cancellationToken)));
    }

    public static async Task<Ok<AlertResponse>> AssignAsync(
        AlertOwner owner, IGrainFactory grains, string alertId, AssignAlertRequest request, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        await RequireOnAlertAsync(http, grains, owner, alertId, Permissions.AlertsAcknowledge);
        return TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).AssignAsync(request.Assignee, user.Actor(), cancellationToken)));
    }

    public static async Task<Ok<AlertResponse>> CommentAsync(
        AlertOwner owner, IGrainFactory grains, string alertId, AlertCommentRequest request, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        await RequireOnAlertAsync(http, grains, owner, alertId, Permissions.AlertsAcknowledge);
        return TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).CommentAsync(
            user.Actor(), request.Text ?? throw CarmenException.Invalid("text", "text is required."), cancellationToken)));
    }

    public static async Task<Ok<BulkAcknowledgeResponse>> AcknowledgeManyAsync(
        AlertOwner owner, IGrainFactory grains, BulkAcknowledgeRequest request, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids = request.Ids ?? throw CarmenException.Invalid("ids", "ids is required.");
        if (VisibleClusters(http, Permissions.AlertsAcknowledge) is not { } clusters)
        {
            return TypedResults.Ok(BulkAcknowledgeResponse.From(await Alerts(grains, owner).AcknowledgeManyAsync(ids, user.Actor(), cancellationToken)));
        }

        // A caller bound to some clusters acknowledges only their alerts; the others do not exist for it.
        AlertInfo?[] alerts = await Task.WhenAll(ids.Select(id => FindAsync(Alert(grains, owner, id), cancellationToken)));
        string[] mine = [.. ids.Where((_, i) => alerts[i] is { } alert && clusters.Contains(alert.Raised.ClusterId))];
        BulkAcknowledgement done = mine.Length == 0 ? new BulkAcknowledgement([], []) : await Alerts(grains, owner).AcknowledgeManyAsync(mine, user.Actor(), cancellationToken);
        return TypedResults.Ok(BulkAcknowledgeResponse.From(done with { NotFound = [.. done.NotFound, .. ids.Except(mine, StringComparer.Ordinal)] }));
    }

    private static async Task<AlertInfo?> FindAsync(IAlertGrain alert, CancellationToken cancellationToken)
    {
        try
        {
            return await alert.GetAsync(cancellationToken);
        }
        catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The clusters whose alerts a tenant's caller may see with <paramref name="permission"/>, or null when it holds it
    /// tenant-wide (or on the platform's routes, which are the platform administrators').
    /// </summary>
    private static IReadOnlyList<string>? VisibleClusters(HttpContext http, string permission) =>
        http.GetRouteValue("tenantId") is not null && CallerAccess.From(http).Clusters(permission) is { AllClusters: false } selection
            ? [.. selection.ClusterIds]
            : null;

    /// <summary>
    /// Refuses a caller bound to some clusters unless it holds <paramref name="permission"/> on the alert's device's
    /// cluster (not found when it cannot read alerts there); the alert it looked up, if it had to.
    /// </summary>
    private static async Task<AlertInfo?> RequireOnAlertAsync(HttpContext http, IGrainFactory grains, AlertOwner owner, string alertId, string permission)
    {
        if (http.GetRouteValue("tenantId") is null || CallerAccess.From(http).Clusters(permission).AllClusters)
        {
            return null;
        }

        AlertInfo alert = await Alert(grains, owner, alertId).GetAsync(http.RequestAborted);
        CallerAccess.From(http).RequireOnDeviceIn(alert.Raised.ClusterId, permission, $"Alert '{alertId}' does not exist.", seenWith: Permissions.AlertsRead);
        return alert;
    }

    private static ITenantAlertsGrain Alerts(IGrainFactory grains, AlertOwner owner) => grains.GetGrain<ITenantAlertsGrain>(owner.OwnerId);

    private static IAlertGrain Alert(IGrainFactory grains, AlertOwner owner, string alertId) =>
        grains.GetGrain<IAlertGrain>(new AlertKey(owner.OwnerId, alertId).ToString());
}
