using Carmen.Api.Auth;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Audit;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Carmen.Api.Audit;

/// <summary>How a call is described in the trail: who, what route on which target, where in the tenant, from where.</summary>
public static class AuditEntries
{
    /// <summary>
    /// The action is the method and the route pattern below the tenant ("PUT /rate-limits"); the target is the resource
    /// the route's last parameter names ("keys" "k1"), or for a creation the one its Location names, or the route's
    /// last segment for settings without an id.
    /// </summary>
    public static AuditEntry ForCall(HttpContext http, RouteEndpoint endpoint, string apiPrefix, IReadOnlyList<AuditChange> changes)
    {
        string pattern = endpoint.RoutePattern.RawText ?? "";
        pattern = pattern[apiPrefix.Length..].TrimEnd('/');
        if (pattern.StartsWith("/tenants/{tenantId}", StringComparison.Ordinal))
        {
            pattern = pattern["/tenants/{tenantId}".Length..];
        }

        string action = $"{http.Request.Method} {(pattern.Length == 0 ? "/" : pattern)}";
        (string targetType, string targetId) = Target(http, endpoint);
        return new AuditEntry(AuditSources.Api, Actor(http), action, targetType, targetId, Scope(http), http.Response.StatusCode, changes,
            http.TraceIdentifier, ClientAddress.Normal(http.Connection.RemoteIpAddress)?.ToString());
    }

    public static AuditActor Actor(HttpContext http)
    {
        string name = http.User.Actor();
        string kind = ServiceAccounts.IdOf(name) is not null ? AuditActorKinds.ServiceAccount
            : http.User.IsPlatformAdmin() ? AuditActorKinds.PlatformAdmin
            : AuditActorKinds.User;
        return new AuditActor(kind, name, http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value);
    }

    private static (string Type, string Id) Target(HttpContext http, RouteEndpoint endpoint)
    {
        IReadOnlyList<RoutePatternPathSegment> segments = endpoint.RoutePattern.PathSegments;
        int last = segments.Count - 1;
        int named = Enumerable.Range(0, segments.Count).LastOrDefault(index => segments[index].Parts[0] is RoutePatternParameterPart, -1);
        bool belowTenant = named < 0 || named < last && segments[named].Parts[0] is RoutePatternParameterPart { Name: "tenantId" };
        if (CreatedId(http) is not null && named < last || belowTenant)
        {
            // A creation (its id is where Location points), or a setting or collection of the tenant with no id of its own.
            return (LiteralBefore(segments, segments.Count), CreatedId(http) ?? "");
        }

        var parameter = (RoutePatternParameterPart)segments[named].Parts[0];
        return (LiteralBefore(segments, named), http.GetRouteValue(parameter.Name) as string ?? "");
    }

    private static string LiteralBefore(IReadOnlyList<RoutePatternPathSegment> segments, int index)
    {
        for (int at = index - 1; at >= 0; at--)
        {
            if (segments[at].IsSimple && segments[at].Parts[0] is RoutePatternLiteralPart literal)
            {
                return literal.Content;
            }
        }

        return "";
    }

    /// <summary>The id a 201's Location ends with.</summary>
    private static string? CreatedId(HttpContext http) =>
        http.Response.StatusCode == StatusCodes.Status201Created && http.Response.Headers.Location.ToString() is { Length: > 0 } location
            ? Uri.UnescapeDataString(location.TrimEnd('/')[(location.TrimEnd('/').LastIndexOf('/') + 1)..])
            : null;

    private static string Scope(HttpContext http) =>
        http.GetRouteValue("clusterId") is string cluster ? $"cluster:{cluster}"
        : http.GetRouteValue("businessUnitId") is string unit ? $"businessUnit:{unit}"
        : http.GetRouteValue("deviceId") is string device ? $"device:{device}"
        : http.GetRouteValue("tenantId") is string ? "tenant"
        : "platform";
}
