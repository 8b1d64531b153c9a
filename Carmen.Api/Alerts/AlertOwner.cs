using Carmen.Grains.Interfaces.Platform;

namespace Carmen.Api.Alerts;

/// <summary>
/// Whose alerts, notification channels and escalation paths a request works on: the route's tenant, or, on the
/// /platform routes (platform administrators only), the platform's own: its health alerts and what they escalate through.
/// </summary>
public readonly record struct AlertOwner(string OwnerId, string BasePath)
{
    public static ValueTask<AlertOwner> BindAsync(HttpContext http) => ValueTask.FromResult(
        http.GetRouteValue("tenantId") is string tenantId
            ? new AlertOwner(tenantId, $"/api/v1/tenants/{tenantId}")
            : new AlertOwner(IPlatformHealthGrain.AlertScope, "/api/v1/platform"));
}
