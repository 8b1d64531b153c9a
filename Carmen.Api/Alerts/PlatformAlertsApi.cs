using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Escalation;
using Carmen.Api.Notifications;
using Carmen.Grains.Interfaces;
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
        // No assignment: an assignee is a user of the alert's tenant, and the platform has none.
        RouteGroupBuilder platform = api.MapGroup("/platform").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        platform.MapAlertLifecycle("Platform health");
        platform.MapGet("/health-settings", GetSettingsAsync).WithTags("Platform health");
        platform.MapPut("/health-settings", SetSettingsAsync).WithTags("Platform health");
        platform.MapNotificationChannelsApi();
        platform.MapEscalationPathsApi();
        return api;
    }

    public static async Task<Ok<PlatformHealthSettingsContract>> GetSettingsAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PlatformHealthSettingsContract(await Health(grains).GetEscalationPathAsync(cancellationToken)));

    public static async Task<Ok<PlatformHealthSettingsContract>> SetSettingsAsync(IGrainFactory grains, PlatformHealthSettingsContract request, CancellationToken cancellationToken)
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
}
