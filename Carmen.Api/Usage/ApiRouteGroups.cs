namespace Carmen.Api.Usage;

/// <summary>
/// The route groups calls are counted and limited by: the first segment under the tenant ("devices", "alerts"), or
/// under /api/v1 ("auth"). <see cref="All"/> lists those the API has, read from its route table once.
/// </summary>
public sealed class ApiRouteGroups(EndpointDataSource endpoints)
{
    private const string ApiPrefix = "/api/v1/";

    private IReadOnlySet<string>? _all;

    /// <summary>Every route group of the API.</summary>
    public IReadOnlySet<string> All => _all ??= endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Select(endpoint => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'))
        .Where(pattern => pattern.StartsWith(ApiPrefix, StringComparison.Ordinal))
        .Select(Of)
        .Where(group => group.Length > 0 && !group.StartsWith('{'))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The route group of a request path (or of a route pattern) under /api/v1.</summary>
    public static string Of(string path)
    {
        if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            return "";
        }

        string[] segments = path[ApiPrefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["tenants", _, string group, ..] => group,
            ["tenants", _] => "tenant",
            [string first, ..] => first,
            _ => "",
        };
    }
}
