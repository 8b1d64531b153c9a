using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Carmen.Api.Auth;
using Carmen.Api.Errors;
using Carmen.Api.Usage;
using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Api.RateLimits;

/// <summary>
/// Holds a tenant's callers to its rate limits on every /api/v1 call: the key's, the user's, then the tenant's, each
/// with its route group's bucket first where the limit names one. The first bucket that is empty refuses the call
/// with 429, problem details naming that limit, <c>Retry-After</c>, and the IETF draft's <c>RateLimit-Policy</c> and
/// <c>RateLimit</c> headers (which also go on every call let in). Platform administrators and calls without a caller
/// are not limited here (sign-in has its own throttle); devices have theirs on MQTT and DDI.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, TenantRateLimitsCache tenantLimits, ClusterRateLimiter limiter, IProblemDetailsService problems)
{
    private static readonly Meter s_meter = new("Carmen");
    private static readonly Counter<long> s_refused = s_meter.CreateCounter<long>("carmen.api.rate_limited", "{request}", "API calls refused by a rate limit, by tenant and limit.");

    public async Task InvokeAsync(HttpContext http)
    {
        string? tenantId = http.User.TenantId();
        if (tenantId is null || http.User.IsPlatformAdmin() || !http.Request.Path.StartsWithSegments("/api/v1", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }

        RateLimitPolicy limits = await tenantLimits.GetAsync(tenantId, http.RequestAborted);
        if (!limits.Any)
        {
            await next(http);
            return;
        }

        string group = ApiRouteGroups.Of(http.Request.Path.Value ?? "");
        var taken = new List<(LimitedBucket Bucket, RateDecision Decision)>(4);
        foreach (LimitedBucket bucket in LimitedBucket.For(tenantId, http.User, limits, group))
        {
            RateDecision decision = await limiter.TakeAsync(bucket.Id, bucket.Limit);
            taken.Add((bucket, decision));
            if (!decision.Allowed)
            {
                await RefuseAsync(http, tenantId, bucket, decision, taken);
                return;
            }
        }

        SetHeaders(http.Response, taken);
        await next(http);
    }

    private async Task RefuseAsync(HttpContext http, string tenantId, LimitedBucket bucket, RateDecision decision, List<(LimitedBucket, RateDecision)> taken)
    {
        s_refused.Add(1, new TagList { { "tenant", tenantId }, { "limit", bucket.Name } });
        SetHeaders(http.Response, taken);
        int seconds = RetryAfter.Set(http.Response, decision.RetryAfter);
        string rate = bucket.Limit.RequestsPerSecond.ToString("0.###", CultureInfo.InvariantCulture);
        var problem = CarmenExceptionHandler.Problem(StatusCodes.Status429TooManyRequests,
            $"The {bucket.Describe()} ({rate} requests per second, burst {bucket.Limit.Burst}) is reached; retry in {seconds} s.", null);
        problem.Title = "Too Many Requests";
        problem.Extensions["limit"] = bucket.Name;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    /// <summary>
    /// <c>RateLimit-Policy: "perKey";q=20;w=2</c> (a burst of q, refilled over w seconds) and
    /// <c>RateLimit: "perKey";r=12;t=1</c> (r calls left, full again in t seconds), one item for each bucket asked.
    /// </summary>
    private static void SetHeaders(HttpResponse response, List<(LimitedBucket Bucket, RateDecision Decision)> taken)
    {
        response.Headers["RateLimit-Policy"] = string.Join(", ", taken.Select(item =>
            string.Create(CultureInfo.InvariantCulture, $"\"{item.Bucket.Name}\";q={item.Bucket.Limit.Burst};w={item.Bucket.Limit.WindowSeconds}")));
        response.Headers["RateLimit"] = string.Join(", ", taken.Select(item =>
            string.Create(CultureInfo.InvariantCulture, $"\"{item.Bucket.Name}\";r={item.Decision.Remaining};t={(int)Math.Ceiling(item.Decision.FullIn.TotalSeconds)}")));
    }
}
