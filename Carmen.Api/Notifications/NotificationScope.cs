using Carmen.Grains.Interfaces.Platform;

namespace Carmen.Api.Notifications;

/// <summary>
/// Whose notification channels and escalation paths a request works on: the route's tenant, or, on the /platform
/// routes (platform administrators only), the platform's own, which its health alerts escalate through.
/// </summary>
public readonly record struct NotificationScope(string OwnerId, string BasePath)
{
    public static ValueTask<NotificationScope> BindAsync(HttpContext http) => ValueTask.FromResult(
        http.GetRouteValue("tenantId") is string tenantId
            ? new NotificationScope(tenantId, $"/api/v1/tenants/{tenantId}")
            : new NotificationScope(IPlatformHealthGrain.AlertScope, "/api/v1/platform"));
}
