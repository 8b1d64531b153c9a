using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Fleet;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Tenants;

/// <summary>The tenant's fleet at a glance: counts by presence and cluster, telemetry statistics, the top devices by a key.</summary>
public static class FleetApi
{
    public const int MaxTopN = 1_000;

    public static RouteGroupBuilder MapFleetApi(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/fleet/summary", GetSummaryAsync).RequirePermission(Permissions.DevicesRead).WithTags("Fleet")
            .WithSummary("Devices total/online/offline and per cluster; per numeric key the devices reporting it with avg/min/max; with topKey, the topN devices by it.");
        return tenant;
    }

    public static async Task<Ok<FleetSummaryResponse>> GetSummaryAsync([AsParameters] TenantScope scope, string? topKey, int? topN)
    {
        if (topN is < 1 or > MaxTopN)
        {
            throw CarmenException.Invalid("topN", $"topN is 1 to {MaxTopN}.");
        }

        FleetSummary summary = await scope.Grains.GetGrain<IFleetMetricsGrain>(scope.TenantId).GetSummaryAsync(topKey, topN ?? 10, scope.CancellationToken);
        return TypedResults.Ok(FleetSummaryResponse.From(summary));
    }
}
