using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Alerts;

/// <summary>
/// A tenant's alerts: listings from the alert index, newest first, and the operator's side of the lifecycle
/// (acknowledge, clear, assign, comment, and acknowledge many at once). An alert id of another tenant is not found.
/// </summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder alerts = tenant.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync).RequireAuthorization(CarmenPolicies.Viewer)
            .WithSummary("Alerts newest first; filters state (comma-separated), severity, deviceId, ruleId, clusterId, teamId, from and to (when raised).");
        alerts.MapPost("/acknowledge", AcknowledgeManyAsync).RequireAuthorization(CarmenPolicies.Operator);
        alerts.MapGet("/{alertId}", GetAsync).RequireAuthorization(CarmenPolicies.Viewer);
        alerts.MapPost("/{alertId}/acknowledge", AcknowledgeAsync).RequireAuthorization(CarmenPolicies.Operator);
        alerts.MapPost("/{alertId}/clear", ClearAsync).RequireAuthorization(CarmenPolicies.Operator);
        alerts.MapPost("/{alertId}/assign", AssignAsync).RequireAuthorization(CarmenPolicies.Operator);
        alerts.MapPost("/{alertId}/comments", CommentAsync).RequireAuthorization(CarmenPolicies.Operator);
        return tenant;
    }

    public static async Task<Ok<AlertListResponse>> ListAsync(
        [AsParameters] TenantScope scope,
        string? state,
        string? severity,
        string? deviceId,
        long? ruleId,
        string? clusterId,
        long? teamId,
        string? from,
        string? to,
        int? pageSize,
        string? continuationToken)
    {
        AlertQuery query = Query(state, severity, deviceId, ruleId, clusterId, from, to, pageSize, continuationToken) with { TeamId = teamId };
        AlertPage page = await Alerts(scope).SearchAsync(query, scope.CancellationToken);
        return TypedResults.Ok(new AlertListResponse(page.Items, page.Total, query.PageSize, page.ContinuationToken));
    }

    /// <summary>A listing's query string as an <see cref="AlertQuery"/>; each malformed parameter is a validation error naming it.</summary>
    internal static AlertQuery Query(
        string? state, string? severity, string? deviceId, long? ruleId, string? clusterId, string? from, string? to, int? pageSize, string? continuationToken) =>
        new(
            state?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => QueryEnums.Parse<AlertState>(name, "state")!.Value).ToList(),
            QueryEnums.Parse<AlertSeverity>(severity, "severity"),
            deviceId,
            ruleId,
            clusterId,
            QueryTimes.Parse(from, "from"),
            QueryTimes.Parse(to, "to"),
            pageSize ?? AlertQuery.DefaultPageSize,
            continuationToken);

    public static async Task<Ok<AlertResponse>> GetAsync([AsParameters] TenantScope scope, string alertId) =>
        TypedResults.Ok(AlertResponse.From(await Alert(scope, alertId).GetAsync(scope.CancellationToken)));

    public static async Task<Ok<AlertResponse>> AcknowledgeAsync([AsParameters] TenantScope scope, string alertId) =>
        TypedResults.Ok(AlertResponse.From(await Alert(scope, alertId).AcknowledgeAsync(scope.User.Actor(), scope.CancellationToken)));

    public static async Task<Ok<AlertResponse>> ClearAsync([AsParameters] TenantScope scope, string alertId) =>
        TypedResults.Ok(AlertResponse.From(await Alert(scope, alertId).ClearAsync(scope.User.Actor(), scope.CancellationToken)));

    public static async Task<Ok<AlertResponse>> AssignAsync([AsParameters] TenantScope scope, string alertId, AssignAlertRequest request) =>
        TypedResults.Ok(AlertResponse.From(await Alert(scope, alertId).AssignAsync(request.Assignee, scope.User.Actor(), scope.CancellationToken)));

    public static async Task<Ok<AlertResponse>> CommentAsync([AsParameters] TenantScope scope, string alertId, AlertCommentRequest request) =>
        TypedResults.Ok(AlertResponse.From(await Alert(scope, alertId).CommentAsync(
            scope.User.Actor(), request.Text ?? throw CarmenException.Invalid("text", "text is required."), scope.CancellationToken)));

    public static async Task<Ok<BulkAcknowledgement>> AcknowledgeManyAsync([AsParameters] TenantScope scope, BulkAcknowledgeRequest request) =>
        TypedResults.Ok(await Alerts(scope).AcknowledgeManyAsync(
            request.Ids ?? throw CarmenException.Invalid("ids", "ids is required."), scope.User.Actor(), scope.CancellationToken));

    private static ITenantAlertsGrain Alerts(TenantScope scope) => scope.Grains.GetGrain<ITenantAlertsGrain>(scope.TenantId);

    private static IAlertGrain Alert(TenantScope scope, string alertId) => scope.Grains.GetGrain<IAlertGrain>(new AlertKey(scope.TenantId, alertId).ToString());
}
