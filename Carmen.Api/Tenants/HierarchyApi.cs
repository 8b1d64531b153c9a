using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Tenants;

/// <summary>Business units and the clusters under them.</summary>
public static class HierarchyApi
{
    public static RouteGroupBuilder MapHierarchyApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder units = tenant.MapGroup("/business-units").WithTags("Business units and clusters");
        units.MapGet("/", ListUnitsAsync).RequireAuthorization(CarmenPolicies.Viewer);
        units.MapPost("/", CreateUnitAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        units.MapGet("/{businessUnitId}", GetUnitAsync).RequireAuthorization(CarmenPolicies.Viewer);
        units.MapPatch("/{businessUnitId}", RenameUnitAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        units.MapDelete("/{businessUnitId}", RemoveUnitAsync).RequireAuthorization(CarmenPolicies.TenantAdmin)
            .WithSummary("Removes a business unit; refused with 409 while it has clusters.");

        units.MapGet("/{businessUnitId}/clusters", ListClustersAsync).RequireAuthorization(CarmenPolicies.Viewer);
        units.MapPost("/{businessUnitId}/clusters", CreateClusterAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        units.MapGet("/{businessUnitId}/clusters/{clusterId}", GetClusterAsync).RequireAuthorization(CarmenPolicies.Viewer);
        units.MapPatch("/{businessUnitId}/clusters/{clusterId}", UpdateClusterAsync).RequireAuthorization(CarmenPolicies.TenantAdmin)
            .WithSummary("Renames a cluster and/or moves it, with its devices, to the business unit named in businessUnitId.");
        units.MapDelete("/{businessUnitId}/clusters/{clusterId}", RemoveClusterAsync).RequireAuthorization(CarmenPolicies.TenantAdmin)
            .WithSummary("Removes a cluster; refused with 409 while devices in service remain in it.");
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<BusinessUnitInfo>>> ListUnitsAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(await scope.Tenant.GetBusinessUnitsAsync(scope.CancellationToken));

    public static async Task<Created<BusinessUnitInfo>> CreateUnitAsync([AsParameters] TenantScope scope, NamedResourceRequest request)
    {
        BusinessUnitInfo unit = await scope.Tenant.CreateBusinessUnitAsync(request.Id, request.Name ?? "", scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/business-units/{unit.Id}", unit);
    }

    public static async Task<Ok<BusinessUnitInfo>> GetUnitAsync([AsParameters] TenantScope scope, string businessUnitId) =>
        TypedResults.Ok(await FindUnitAsync(scope, businessUnitId));

    public static async Task<Ok<BusinessUnitInfo>> RenameUnitAsync([AsParameters] TenantScope scope, string businessUnitId, UpdateBusinessUnitRequest request) =>
        TypedResults.Ok(await scope.Tenant.RenameBusinessUnitAsync(businessUnitId, request.Name ?? "", scope.CancellationToken));

    public static async Task<NoContent> RemoveUnitAsync([AsParameters] TenantScope scope, string businessUnitId)
    {
        await scope.Tenant.RemoveBusinessUnitAsync(businessUnitId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<ClusterInfo>>> ListClustersAsync([AsParameters] TenantScope scope, string businessUnitId) =>
        TypedResults.Ok((await FindUnitAsync(scope, businessUnitId)).Clusters);

    public static async Task<Created<ClusterInfo>> CreateClusterAsync([AsParameters] TenantScope scope, string businessUnitId, NamedResourceRequest request)
    {
        ClusterInfo cluster = await scope.Tenant.CreateClusterAsync(businessUnitId, request.Id, request.Name ?? "", scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/business-units/{businessUnitId}/clusters/{cluster.Id}", cluster);
    }

    public static async Task<Ok<ClusterInfo>> GetClusterAsync([AsParameters] TenantScope scope, string businessUnitId, string clusterId) =>
        TypedResults.Ok(await FindClusterAsync(scope, businessUnitId, clusterId));

    public static async Task<Ok<ClusterInfo>> UpdateClusterAsync(
        [AsParameters] TenantScope scope, string businessUnitId, string clusterId, UpdateClusterRequest request)
    {
        ClusterInfo cluster = await FindClusterAsync(scope, businessUnitId, clusterId);
        if (request.Name is not null)
        {
            cluster = await scope.Tenant.RenameClusterAsync(clusterId, request.Name, scope.CancellationToken);
        }

        if (request.BusinessUnitId is not null && request.BusinessUnitId != cluster.BusinessUnitId)
        {
            cluster = await scope.Tenant.MoveClusterAsync(clusterId, request.BusinessUnitId, scope.CancellationToken);
        }

        return TypedResults.Ok(cluster);
    }

    public static async Task<NoContent> RemoveClusterAsync([AsParameters] TenantScope scope, string businessUnitId, string clusterId)
    {
        await FindClusterAsync(scope, businessUnitId, clusterId);
        await scope.Tenant.RemoveClusterAsync(clusterId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<BusinessUnitInfo> FindUnitAsync(TenantScope scope, string businessUnitId) =>
        (await scope.Tenant.GetBusinessUnitsAsync(scope.CancellationToken)).FirstOrDefault(unit => unit.Id == businessUnitId)
        ?? throw CarmenException.NotFound($"Business unit '{businessUnitId}' does not exist.");

    private static async Task<ClusterInfo> FindClusterAsync(TenantScope scope, string businessUnitId, string clusterId) =>
        (await FindUnitAsync(scope, businessUnitId)).Clusters.FirstOrDefault(cluster => cluster.Id == clusterId)
        ?? throw CarmenException.NotFound($"Cluster '{clusterId}' does not exist in business unit '{businessUnitId}'.");
}
