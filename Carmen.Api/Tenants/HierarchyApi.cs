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

    public static async Task<Ok<IReadOnlyList<BusinessUnitResponse>>> ListUnitsAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<BusinessUnitResponse>>([.. (await scope.Tenant.GetBusinessUnitsAsync(scope.CancellationToken)).Select(BusinessUnitResponse.From)]);

    public static async Task<Created<BusinessUnitResponse>> CreateUnitAsync([AsParameters] TenantScope scope, NamedResourceRequest request)
    {
        BusinessUnitInfo unit = await scope.Tenant.CreateBusinessUnitAsync(request.Id, request.Name ?? "", scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/business-units/{unit.Id}", BusinessUnitResponse.From(unit));
    }

    public static async Task<Ok<BusinessUnitResponse>> GetUnitAsync([AsParameters] TenantScope scope, string businessUnitId) =>
        TypedResults.Ok(BusinessUnitResponse.From(await FindUnitAsync(scope, businessUnitId)));

    public static async Task<Ok<BusinessUnitResponse>> RenameUnitAsync([AsParameters] TenantScope scope, string businessUnitId, UpdateBusinessUnitRequest request) =>
        TypedResults.Ok(BusinessUnitResponse.From(await scope.Tenant.RenameBusinessUnitAsync(businessUnitId, request.Name ?? "", scope.CancellationToken)));

    public static async Task<NoContent> RemoveUnitAsync([AsParameters] TenantScope scope, string businessUnitId)
    {
        await scope.Tenant.RemoveBusinessUnitAsync(businessUnitId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<ClusterResponse>>> ListClustersAsync([AsParameters] TenantScope scope, string businessUnitId) =>
        TypedResults.Ok<IReadOnlyList<ClusterResponse>>([.. (await FindUnitAsync(scope, businessUnitId)).Clusters.Select(ClusterResponse.From)]);

    public static async Task<Created<ClusterResponse>> CreateClusterAsync([AsParameters] TenantScope scope, string businessUnitId, NamedResourceRequest request)
    {
        ClusterInfo cluster = await scope.Tenant.CreateClusterAsync(businessUnitId, request.Id, request.Name ?? "", scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/business-units/{businessUnitId}/clusters/{cluster.Id}", ClusterResponse.From(cluster));
    }

    public static async Task<Ok<ClusterResponse>> GetClusterAsync([AsParameters] TenantScope scope, string businessUnitId, string clusterId) =>
        TypedResults.Ok(ClusterResponse.From(await FindClusterAsync(scope, businessUnitId, clusterId)));

    public static async Task<Ok<ClusterResponse>> UpdateClusterAsync(
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

        return TypedResults.Ok(ClusterResponse.From(cluster));
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
