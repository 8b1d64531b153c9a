using System.Diagnostics;
using System.Diagnostics.Metrics;
using Carmen.Api.Auth;
using Carmen.Grains.Interfaces.ApiKeys;

namespace Carmen.Api.Usage;

/// <summary>
/// Counts every call under /api/v1 made by a tenant's caller (a user or a key): route group, status class, latency,
/// bytes, and for a call that succeeded on a cluster's resource, that cluster (<see cref="ClusterAccessRecorder"/>). In memory only (<see cref="ApiUsageRecorder"/>); also the Prometheus metrics carmen.api.requests and
/// carmen.api.request_duration, by tenant, route group and status class (never by key or user: that many series would
/// swamp a Prometheus; the rollups have them).
/// </summary>
public sealed class ApiUsageMiddleware(
    RequestDelegate next, ApiUsageRecorder recorder, ClusterAccessRecorder clusterAccess, ResourceClusters resourceClusters, IGrainFactory grains, TimeProvider time)
{
    private static readonly Meter s_meter = new("Carmen");
    private static readonly Counter<long> s_requests = s_meter.CreateCounter<long>("carmen.api.requests", "{request}", "API calls by tenant, route group and status class.");
    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram<double>("carmen.api.request_duration", "ms", "API call duration by tenant and route group.");

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/api/v1", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }

        long started = Stopwatch.GetTimestamp();
        using var counted = new CountingStream(http.Response.Body, () => http.Response.StatusCode >= 400);
        http.Response.Body = counted;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = counted.Inner;
            string? tenantId = http.GetRouteValue("tenantId") as string ?? (http.User.IsPlatformAdmin() ? null : http.User.TenantId());
            if (tenantId is not null && http.User.Identity?.IsAuthenticated == true && CanBeTenant(http, tenantId))
            {
                double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                string group = ApiRouteGroups.Of(http.Request.Path.Value ?? "");
                int status = http.Response.StatusCode;
                string keyId = http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "";
                recorder.Record(tenantId, http.User.Actor(), keyId, group, status, milliseconds, http.Request.ContentLength ?? 0, counted.Written);
                if (keyId.Length > 0 && status >= 400)
                {
                    // One-way: the key's health view shows its latest failures; the caller's answer does not wait for it.
                    grains.GetGrain<IApiKeyGrain>(keyId).RecordErrorAsync(new ApiKeyError(
                        time.GetUtcNow(), $"{http.Request.Method} {http.Request.Path}", status, ProblemDetail(counted.Kept))).Ignore();
                }

                if (status < 400 && await resourceClusters.OfAsync(http, tenantId) is string clusterId)
                {
                    bool read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
                    clusterAccess.Record(tenantId, clusterId, http.User.Actor(), keyId, change: !read);
                }

                var tags = new TagList { { "tenant", tenantId }, { "route_group", group }, { "status_class", $"{status / 100}xx" } };
                s_requests.Add(1, tags);
                s_duration.Record(milliseconds, tags);
            }
        }
    }

    /// <summary>Counted against a tenant only where the tenant is the caller's or the gate let the call in (no usage rows for names made up in URLs).</summary>
    private static bool CanBeTenant(HttpContext http, string tenantId) =>
        string.Equals(http.User.TenantId(), tenantId, StringComparison.Ordinal) || http.Items.ContainsKey(typeof(Access.CallerAccess));

    /// <summary>The "detail" of a problem-details answer, if that is what it was.</summary>
    private static string? ProblemDetail(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(body);
            if (!System.Text.Json.JsonDocument.TryParseValue(ref reader, out System.Text.Json.JsonDocument? document))
            {
                return null;
            }

            using (document)
            {
                return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && document.RootElement.TryGetProperty("detail", out System.Text.Json.JsonElement detail) ? detail.GetString() : null;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // cut off at 2 KiB, or not JSON
        }
    }
}
