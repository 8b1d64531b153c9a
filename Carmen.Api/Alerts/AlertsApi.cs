using System.Security.Claims;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
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
        alerts.MapPost("/{alertId}/assign", AssignAsync).RequireAuthorization(CarmenPolicies.Operator);
        return tenant;
    }

    /// <summary>The routes a tenant's and the platform's alerts share, under <paramref name="owner"/>'s "/alerts".</summary>
    public static RouteGroupBuilder MapAlertLifecycle(this RouteGroupBuilder owner, string tag)
    {
        RouteGroupBuilder alerts = owner.MapGroup("/alerts").WithTags(tag);
        alerts.MapGet("/", ListAsync).RequireAuthorization(CarmenPolicies.Viewer)
            .WithSummary("Alerts newest first; filters state (comma-separated), severity, deviceId, ruleId, clusterId, teamId, from and to (when raised).");
        alerts.MapPost("/acknowledge", AcknowledgeManyAsync).RequireAuthorization(CarmenPolicies.Operator);
        alerts.MapGet("/{alertId}", GetAsync).RequireAuthorization(CarmenPolicies.Viewer);
        alerts.MapPost("/{alertId}/acknowledge", AcknowledgeAsync).RequireAuthorization(CarmenPolicies.Operator);
        alerts.MapPost("/{alertId}/clear", ClearAsync).RequireAuthorization(CarmenPolicies.Operator);
        alerts.MapPost("/{alertId}/comments", CommentAsync).RequireAuthorization(CarmenPolicies.Operator);
        return alerts;
    }

    public static async Task<Ok<AlertListResponse>> ListAsync(
        AlertOwner owner,
        IGrainFactory grains,
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
            teamId);
        AlertPage page = await Alerts(grains, owner).SearchAsync(query, cancellationToken);
        return TypedResults.Ok(new AlertListResponse([.. page.Items.Select(AlertSummaryResponse.From)], page.Total, query.PageSize, page.ContinuationToken));
    }

    public static async Task<Ok<AlertResponse>> GetAsync(AlertOwner owner, IGrainFactory grains, string alertId, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).GetAsync(cancellationToken)));

    public static async Task<Ok<AlertResponse>> AcknowledgeAsync(
        AlertOwner owner, IGrainFactory grains, string alertId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).AcknowledgeAsync(user.Actor(), cancellationToken)));

    public static async Task<Ok<AlertResponse>> ClearAsync(
        AlertOwner owner, IGrainFactory grains, string alertId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).ClearAsync(user.Actor(), cancellationToken)));

    public static async Task<Ok<AlertResponse>> AssignAsync(
        AlertOwner owner, IGrainFactory grains, string alertId, AssignAlertRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).AssignAsync(request.Assignee, user.Actor(), cancellationToken)));

    public static async Task<Ok<AlertResponse>> CommentAsync(
        AlertOwner owner, IGrainFactory grains, string alertId, AlertCommentRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, owner, alertId).CommentAsync(
            user.Actor(), request.Text ?? throw CarmenException.Invalid("text", "text is required."), cancellationToken)));

    public static async Task<Ok<BulkAcknowledgeResponse>> AcknowledgeManyAsync(
        AlertOwner owner, IGrainFactory grains, BulkAcknowledgeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(BulkAcknowledgeResponse.From(await Alerts(grains, owner).AcknowledgeManyAsync(
            request.Ids ?? throw CarmenException.Invalid("ids", "ids is required."), user.Actor(), cancellationToken)));

    private static ITenantAlertsGrain Alerts(IGrainFactory grains, AlertOwner owner) => grains.GetGrain<ITenantAlertsGrain>(owner.OwnerId);

    private static IAlertGrain Alert(IGrainFactory grains, AlertOwner owner, string alertId) =>
        grains.GetGrain<IAlertGrain>(new AlertKey(owner.OwnerId, alertId).ToString());
}
