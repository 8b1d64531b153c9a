using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Usage;

/// <summary>A tenant's API usage by key, user, route group and status class, from the per-minute and per-day rollups.</summary>
public static class ApiUsageApi
{
    private static readonly TimeSpan s_maxMinutes = TimeSpan.FromDays(2);

    public static RouteGroupBuilder MapApiUsageApi(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/api-usage", QueryAsync).WithTags("Security").RequirePermission(Permissions.AuditRead)
            .WithSummary("Calls by minute (periods up to 2 days) or day: ?from=&to=&granularity=minute|day&keyId=&userId=.");
        return tenant;
    }

    public static async Task<Ok<ApiUsageResponse>> QueryAsync(
        [AsParameters] TenantScope scope, DateTimeOffset? from, DateTimeOffset? to, string? granularity, string? keyId, string? userId, TimeProvider time)
    {
        bool byDay = granularity switch
        {
            null or "minute" => false,
            "day" => true,
            _ => throw CarmenException.Invalid("granularity", "granularity is minute or day."),
        };
        DateTimeOffset until = to ?? time.GetUtcNow().AddMinutes(1), since = from ?? (byDay ? until.AddDays(-30) : until.AddHours(-1));
        if (until <= since)
        {
            throw CarmenException.Invalid("to", "'to' is after 'from'.");
        }

        if (!byDay && until - since > s_maxMinutes)
        {
            throw CarmenException.Invalid("from", "A period by minute is at most 2 days long; ask by day for longer ones.");
        }

        IReadOnlyList<ApiUsageSample> rows = await scope.Grains.GetGrain<IApiUsageGrain>(0).QueryAsync(
            scope.TenantId, new ApiUsageQuery(since, until, byDay, keyId, userId), scope.CancellationToken);
        return TypedResults.Ok(new ApiUsageResponse(
            since,
            until,
            byDay ? "day" : "minute",
            rows.Sum(row => row.Requests),
            rows.GroupBy(row => $"{row.StatusClass}xx").ToDictionary(group => group.Key, group => group.Sum(row => row.Requests)),
            ApiLatencyBuckets.Percentile(ApiLatencyBuckets.Sum(rows), 0.95),
            rows.Sum(row => row.BytesIn),
            rows.Sum(row => row.BytesOut),
            [.. rows.Select(row => new ApiUsageBucketResponse(
                row.Minute, row.Principal, row.KeyId.Length == 0 ? null : row.KeyId, row.RouteGroup, $"{row.StatusClass}xx", row.Requests,
                row.Requests == 0 ? 0 : Math.Round(row.DurationMs / row.Requests, 3),
                ApiLatencyBuckets.Percentile(row.Latency, 0.5), ApiLatencyBuckets.Percentile(row.Latency, 0.95),
                ApiLatencyBuckets.Percentile(row.Latency, 0.99), row.BytesIn, row.BytesOut))]));
    }
}
