using System.Security.Claims;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Escalation;
using Carmen.Api.Notifications;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Alerts;

/// <summary>
/// The platform's own alerts, raised by the built-in health rules (a silo left, ingest backlog, history lag, store
/// errors, certificate or license expiry): the same lifecycle as a tenant's alerts, for platform administrators. They
/// escalate through the platform's own notification channels and escalation paths (/platform/notification-channels,
/// /platform/escalation-paths), along the path /platform/health-settings names.
/// </summary>
public static class PlatformAlertsApi
{
    public static IEndpointRouteBuilder MapPlatformAlertsApi(this IEndpointRouteBuilder api)
    {
        RouteGroupBuilder alerts = api.MapGroup("/platform/alerts").WithTags("Platform health").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        alerts.MapGet("/", ListAsync).WithSummary("Platform alerts newest first; filters state (comma-separated), severity, ruleId, from and to.");
        alerts.MapGet("/{alertId}", GetAsync);
        alerts.MapPost("/{alertId}/acknowledge", AcknowledgeAsync);
        alerts.MapPost("/{alertId}/clear", ClearAsync);
        alerts.MapPost("/{alertId}/comments", CommentAsync);
        RouteGroupBuilder platform = api.MapGroup("/platform").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        platform.MapGet("/health-settings", GetSettingsAsync).WithTags("Platform health");
        platform.MapPut("/health-settings", SetSettingsAsync).WithTags("Platform health");
        platform.MapNotificationChannelsApi();
        platform.MapEscalationPathsApi();
        return api;
    }

    public static async Task<Ok<AlertListResponse>> ListAsync(
        IGrainFactory grains, string? state, string? severity, long? ruleId, string? from, string? to, int? pageSize, string? continuationToken,
        CancellationToken cancellationToken)
    {
        AlertQuery query = AlertsApi.Query(state, severity, null, ruleId, null, from, to, pageSize, continuationToken);
        AlertPage page = await grains.GetGrain<ITenantAlertsGrain>(IPlatformHealthGrain.AlertScope).SearchAsync(query, cancellationToken);
        return TypedResults.Ok(new AlertListResponse(page.Items, page.Total, query.PageSize, page.ContinuationToken));
    }

    public static async Task<Ok<AlertResponse>> GetAsync(IGrainFactory grains, string alertId, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, alertId).GetAsync(cancellationToken)));

    public static async Task<Ok<AlertResponse>> AcknowledgeAsync(IGrainFactory grains, string alertId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, alertId).AcknowledgeAsync(user.Actor(), cancellationToken)));

    public static async Task<Ok<AlertResponse>> ClearAsync(IGrainFactory grains, string alertId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, alertId).ClearAsync(user.Actor(), cancellationToken)));

    public static async Task<Ok<AlertResponse>> CommentAsync(
        IGrainFactory grains, string alertId, AlertCommentRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertResponse.From(await Alert(grains, alertId).CommentAsync(
            user.Actor(), request.Text ?? throw CarmenException.Invalid("text", "text is required."), cancellationToken)));

    public static async Task<Ok<PlatformHealthSettings>> GetSettingsAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PlatformHealthSettings(await Health(grains).GetEscalationPathAsync(cancellationToken)));

    public static async Task<Ok<PlatformHealthSettings>> SetSettingsAsync(IGrainFactory grains, PlatformHealthSettings request, CancellationToken cancellationToken)
    {
        try
        {
            await Health(grains).SetEscalationPathAsync(request.EscalationPathId, cancellationToken);
        }
        catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            throw CarmenException.Invalid("escalationPathId", missing.Message);
        }

        return TypedResults.Ok(request);
    }

    private static IPlatformHealthGrain Health(IGrainFactory grains) => grains.GetGrain<IPlatformHealthGrain>(0);

    private static IAlertGrain Alert(IGrainFactory grains, string alertId) =>
        grains.GetGrain<IAlertGrain>(new AlertKey(IPlatformHealthGrain.AlertScope, alertId).ToString());
}
