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
    private static readonly TimeSpan s_period = TimeSpan.FromHours(24);

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
        IReadOnlyList<(ApiKeyInfo Key, string ServiceAccountId)> keys = await LiveServiceAccountKeys.ReadAsync(scope.Grains, scope.TenantId, now, scope.CancellationToken);
        IReadOnlyList<ApiUsageSample> usage = await scope.Grains.GetGrain<IApiUsageGrain>(0).QueryAsync(
            scope.TenantId, new ApiUsageQuery(now - s_period, now.AddMinutes(1), ByDay: false), scope.CancellationToken);
        ILookup<string, ApiUsageSample> byKey = usage.Where(row => row.KeyId.Length > 0).ToLookup(row => row.KeyId);
        var health = new List<KeyHealthResponse>(keys.Count);
        foreach ((ApiKeyInfo key, string accountId) in keys)
        {
            IReadOnlyList<ApiKeyError> errors = await scope.Grain<IApiKeyGrain>(key.Id).GetErrorsAsync(scope.CancellationToken);
            health.Add(Health(key, accountId, [.. byKey[key.Id]], errors, now, days));
        }

        return TypedResults.Ok<IReadOnlyList<KeyHealthResponse>>(health);
    }

    private static KeyHealthResponse Health(ApiKeyInfo key, string accountId, List<ApiUsageSample> rows, IReadOnlyList<ApiKeyError> errors, DateTimeOffset now, int unusedDays)
    {
        KeyHealth health = KeyHealth.Of(rows, now, s_period);
        return new KeyHealthResponse(
            key.Id,
            key.Name,
            accountId,
            key.LastUsedAt,
            (key.LastUsedAt ?? key.CreatedAt) < now.AddDays(-unusedDays),
            health.Calls,
            health.ClientErrorRate,
            health.ServerErrorRate,
            health.P95Ms,
            health.LastHourCalls,
            health.HourlyAverage,
            health.VolumeChange,
            [.. errors.Select(error => new KeyErrorResponse(error.At, error.Request, error.Status, error.Detail))]);
    }
}
