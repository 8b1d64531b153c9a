using System.Collections.Frozen;
using System.Text.Json;

namespace Carmen.Api.Audit;

/// <summary>
/// Reads a resource as its own GET route shows it, in process, so the trail can tell what a PUT, PATCH or DELETE
/// changed without every handler reporting it: the GET endpoint of the same route pattern runs on a copy of the
/// request (same caller, route values and access decision) and its JSON is kept. No GET at that pattern, or one that
/// fails (404), is no snapshot.
/// </summary>
public sealed class ResourceSnapshots(EndpointDataSource endpoints)
{
    private const int MaxSnapshotBytes = 256 * 1024;

    private FrozenDictionary<string, RouteEndpoint>? _gets;

    public async Task<JsonElement?> ReadAsync(HttpContext http, RouteEndpoint changing)
    {
        if (!Gets().TryGetValue(changing.RoutePattern.RawText ?? "", out RouteEndpoint? get) || get.RequestDelegate is not RequestDelegate read)
        {
            return null;
        }

        var copy = new DefaultHttpContext { RequestServices = http.RequestServices, User = http.User, RequestAborted = http.RequestAborted };
        copy.Request.Method = HttpMethods.Get;
        copy.Request.Scheme = http.Request.Scheme;
        copy.Request.Host = http.Request.Host;
        copy.Request.PathBase = http.Request.PathBase;
        copy.Request.Path = http.Request.Path;
        copy.Request.RouteValues = new RouteValueDictionary(http.Request.RouteValues);
        copy.Connection.RemoteIpAddress = http.Connection.RemoteIpAddress;
        foreach ((object key, object? value) in http.Items)
        {
            copy.Items[key] = value;
        }

        using var body = new MemoryStream();
        copy.Response.Body = body;
        copy.SetEndpoint(get);
        try
        {
            await read(copy);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return null; // gone, or never readable by this route: nothing to compare with
        }

        if (copy.Response.StatusCode != StatusCodes.Status200OK || body.Length is 0 or > MaxSnapshotBytes)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body.ToArray()).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private FrozenDictionary<string, RouteEndpoint> Gets() => _gets ??= endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
        .GroupBy(endpoint => endpoint.RoutePattern.RawText ?? "")
        .ToFrozenDictionary(group => group.Key, group => group.First());
}
