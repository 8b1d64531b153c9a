using System.Diagnostics;
using System.Text.Json;
using Carmen.Api.Auth;
using Carmen.Grains.Interfaces.Audit;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Audit;

/// <summary>
/// Records every successful mutating call of the API in the trail of its tenant (or the platform's): who, from where,
/// which route on which target, and the fields it changed with their values before and after (read through the
/// resource's own GET route; for a creation, what the response shows; secrets redacted). The response is held until
/// the record is committed, so a caller that saw success is on record; a failed call changed nothing and is not
/// recorded here.
/// </summary>
public sealed partial class AuditTrailMiddleware(
    RequestDelegate next,
    IGrainFactory grains,
    ResourceSnapshots snapshots,
    AuditHealth health,
    IOptions<AuditCaptureOptions> options,
    ILogger<AuditTrailMiddleware> logger)
{
    private const string ApiPrefix = "/api/v1";
    private const string AttributedKey = "carmen.audit.attributed";
    private const int MaxRequestCapture = 64 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!IsChange(http, out RouteEndpoint? endpoint))
        {
            await next(http);
            return;
        }

        // A tenant's route, or the caller's own tenant (their password, their second factor), or the platform.
        string chain = http.GetRouteValue("tenantId") as string ?? (http.User.IsPlatformAdmin() ? null : http.User.TenantId()) ?? AuditChains.Platform;
        IAuditTrailGrain trail = grains.GetGrain<IAuditTrailGrain>(chain);
        bool failClosed = options.Value.FailClosed;
        if (failClosed && health.IsFailing(chain))
        {
            try
            {
                await trail.ProbeAsync(http.RequestAborted);
            }
            catch (AuditUnavailableException)
            {
                AuditMetrics.Unrecorded.Add(1); // refused before anything ran
                throw;
            }

            health.Recovered(chain);
        }

        string method = http.Request.Method;
        long started = Stopwatch.GetTimestamp();
        JsonElement? request = await ReadRequestAsync(http.Request);
        JsonElement? before = HttpMethods.IsPost(method) ? null : await snapshots.ReadAsync(http, endpoint);
        TimeSpan capturing = Stopwatch.GetElapsedTime(started);
        Stream responseBody = http.Response.Body;
        using var held = new MemoryStream();
        http.Response.Body = held;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = responseBody;
        }

        if (http.Response.StatusCode < 400)
        {
            started = Stopwatch.GetTimestamp();
            JsonElement? after = HttpMethods.IsDelete(method) ? null
                : (before is not null ? await snapshots.ReadAsync(http, endpoint) : null) ?? ReadJson(held) ?? request;
            AuditEntry entry = AuditEntries.ForCall(http, endpoint, ApiPrefix, AuditChanges.Between(before, after));
            if (http.Items[AttributedKey] is (string tenantId, AuditActor actor))
            {
                (chain, trail, entry) = (tenantId, grains.GetGrain<IAuditTrailGrain>(tenantId), entry with { Actor = actor });
            }

            try
            {
                await trail.AppendAsync(entry, http.RequestAborted);
                health.Recovered(chain);
                AuditMetrics.CaptureDuration.Record((capturing + Stopwatch.GetElapsedTime(started)).TotalMilliseconds);
            }
            catch (AuditUnavailableException failure)
            {
                health.Failed(chain);
                AuditMetrics.Unrecorded.Add(1);
                LogNotRecorded(failure, entry.Action, entry.TargetId);
                if (failClosed)
                {
                    throw;
                }
            }
        }

        held.Position = 0;
        await held.CopyToAsync(responseBody, http.RequestAborted);
    }

    /// <summary>
    /// For an anonymous call that turns out to act in a tenant (accepting an invitation): whom to record it as, and in
    /// which tenant's trail.
    /// </summary>
    public static void Attribute(HttpContext http, string tenantId, AuditActor actor) => http.Items[AttributedKey] = (tenantId, actor);

    private static bool IsChange(HttpContext http, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RouteEndpoint? endpoint)
    {
        endpoint = http.GetEndpoint() as RouteEndpoint;
        string method = http.Request.Method;
        return endpoint is not null
            && (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            && endpoint.RoutePattern.RawText?.StartsWith(ApiPrefix, StringComparison.Ordinal) == true
            && endpoint.Metadata.GetMetadata<NotAudited>() is null;
    }

    private static async Task<JsonElement?> ReadRequestAsync(HttpRequest request)
    {
        if (request.ContentLength is null or 0 or > MaxRequestCapture || !request.HasJsonContentType())
        {
            return null;
        }

        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return ReadJson(copy);
    }

    private static JsonElement? ReadJson(MemoryStream stream)
    {
        if (stream.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "A change was made but not recorded in the audit trail: {Action} on {TargetId}")]
    private partial void LogNotRecorded(Exception exception, string action, string targetId);
}
