using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Usage;

/// <summary>
/// One view of a tenant's integrations: each live service-account key with its error rates, latency, volume against its
/// usual, latest failures, and whether it has gone unused. Read from the usage rollups and the keys themselves.
/// </summary>
public static class IntegrationHealthApi
{
    private const int SpikeFactor = 3;
    private const int MinimumHourly = 10;

    public static RouteGroupBuilder MapIntegrationHealthApi(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/integration-health", GetAsync).WithTags("Security").RequirePermission(Permissions.AuditRead)
            .WithSummary("Each service-account key over the last 24 h: error rates, p95 latency, last hour against its average, latest failures, unused (?unusedDays=30).");
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<KeyHealthResponse>>> GetAsync([AsParameters] TenantScope scope, int? unusedDays, TimeProvider time)
    {
        int days = unusedDays ?? 30;
        if (days is < 1 or > 3650)
        {
            throw CarmenException.Invalid("unusedDays", "unusedDays is 1 to 3650.");
        }

        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<ServiceAccountInfo> accounts = await scope.Grain<IServiceAccountsGrain>(scope.TenantId).GetServiceAccountsAsync(scope.CancellationToken);
        IReadOnlyList<ApiUsageSample> usage = await scope.Grains.GetGrain<IApiUsageGrain>(0).QueryAsync(
            scope.TenantId, new ApiUsageQuery(now.AddHours(-24), now.AddMinutes(1), ByDay: false), scope.CancellationToken);
        ILookup<string, ApiUsageSample> byKey = usage.Where(row => row.KeyId.Length > 0).ToLookup(row => row.KeyId);
        var health = new List<KeyHealthResponse>();
        foreach (ServiceAccountInfo account in accounts)
        {
            foreach (string keyId in account.KeyIds)
            {
                IApiKeyGrain grain = scope.Grain<IApiKeyGrain>(keyId);
                if (await grain.GetAsync(scope.CancellationToken) is not ApiKeyInfo key || key.RevokedAt is not null || key.ExpiresAt <= now)
                {
                    continue;
                }

                health.Add(Health(key, account.Id, [.. byKey[keyId]], await grain.GetErrorsAsync(scope.CancellationToken), now, days));
            }
        }

        return TypedResults.Ok<IReadOnlyList<KeyHealthResponse>>(health);
    }

    private static KeyHealthResponse Health(ApiKeyInfo key, string accountId, List<ApiUsageSample> rows, IReadOnlyList<ApiKeyError> errors, DateTimeOffset now, int unusedDays)
    {
        long requests = rows.Sum(row => row.Requests);
        long lastHour = rows.Where(row => row.Minute >= now.AddHours(-1)).Sum(row => row.Requests);
        double hourly = requests / 24.0;
        string? change = lastHour >= MinimumHourly && lastHour > SpikeFactor * hourly ? "spike"
            : hourly >= MinimumHourly && lastHour * SpikeFactor < hourly ? "drop"
            : null;
        return new KeyHealthResponse(
            key.Id,
            key.Name,
            accountId,
            key.LastUsedAt,
            (key.LastUsedAt ?? key.CreatedAt) < now.AddDays(-unusedDays),
            requests,
            Rate(rows, 4, requests),
            Rate(rows, 5, requests),
            ApiLatencyBuckets.Percentile(ApiLatencyBuckets.Sum(rows), 0.95),
            lastHour,
            Math.Round(hourly, 2),
            change,
            [.. errors.Select(error => new KeyErrorResponse(error.At, error.Request, error.Status, error.Detail))]);
    }

    private static double Rate(List<ApiUsageSample> rows, int statusClass, long requests) =>
        requests == 0 ? 0 : Math.Round(rows.Where(row => row.StatusClass == statusClass).Sum(row => row.Requests) / (double)requests, 4);
}
