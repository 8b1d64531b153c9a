using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Devices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Devices;

/// <summary>GET /devices: turns query parameters into a <see cref="DeviceQuery"/>; a business unit becomes the list of its clusters.</summary>
public static class DeviceSearch
{
    public static async Task<Ok<DeviceListResponse>> ListAsync(
        [AsParameters] TenantScope scope,
        string? clusterId,
        string? businessUnitId,
        string? status,
        string[]? label,
        string? type,
        string? firmwareVersion,
        string? namePrefix,
        string? sort,
        string? order,
        int? pageSize,
        string? continuationToken,
        string? gatewayId)
    {
        ClusterDirectory clusters = await ClusterDirectory.LoadAsync(scope.Tenant, scope.CancellationToken);
        IReadOnlyList<string>? clusterIds = scope.Access.Clusters(Permissions.DevicesRead)
            .Narrow(clusters.ClustersOf(clusterId is null ? null : [clusterId], businessUnitId, "businessUnitId"));
        if (clusterIds is { Count: 0 })
        {
            return TypedResults.Ok(new DeviceListResponse([], 0, pageSize ?? DeviceQuery.DefaultPageSize, null));
        }

        var query = new DeviceQuery(
            clusterIds,
            QueryEnums.Parse<DeviceStatus>(status, "status"),
            label?.Where(value => value.Length > 0).ToList(),
            type,
            firmwareVersion,
            namePrefix,
            QueryEnums.Parse<DeviceSortField>(sort, "sort") ?? DeviceSortField.Name,
            order?.ToLowerInvariant() switch
            {
                null or "asc" => false,
                "desc" => true,
                _ => throw CarmenException.Invalid("order", "order is 'asc' or 'desc'."),
            },
            pageSize ?? DeviceQuery.DefaultPageSize,
            continuationToken,
            gatewayId);
        DevicePage page = await scope.Grains.GetGrain<IDeviceSearchGrain>(0).SearchAsync(scope.TenantId, query, scope.CancellationToken);
        return TypedResults.Ok(new DeviceListResponse(
            [.. page.Items.Select(device => DeviceSummaryResponse.From(device, clusters.BusinessUnitOf(device.ClusterId)))],
            page.Total,
            query.PageSize,
            page.ContinuationToken));
    }
}
