using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Tenants;

/// <summary>Business units and the clusters under them.</summary>
public static class HierarchyApi
{
    public static RouteGroupBuilder MapHierarchyApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder units = tenant.MapGroup("/business-units").WithTags("Business units and clusters");
        units.MapGet("/", ListUnitsAsync);
        units.MapPost("/", CreateUnitAsync).RequirePermission(Permissions.HierarchyManage);
        units.MapGet("/{businessUnitId}", GetUnitAsync);
        units.MapPatch("/{businessUnitId}", RenameUnitAsync).RequirePermission(Permissions.HierarchyManage);
        units.MapDelete("/{businessUnitId}", RemoveUnitAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Removes a business unit; refused with 409 while it has clusters.");

        units.MapGet("/{businessUnitId}/clusters", ListClustersAsync);
        units.MapPost("/{businessUnitId}/clusters", CreateClusterAsync).RequirePermission(Permissions.HierarchyManage);
        units.MapGet("/{businessUnitId}/clusters/{clusterId}", GetClusterAsync);
        units.MapPatch("/{businessUnitId}/clusters/{clusterId}", UpdateClusterAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Renames a cluster and/or moves it, with its devices, to the business unit named in businessUnitId.");
        units.MapDelete("/{businessUnitId}/clusters/{clusterId}", RemoveClusterAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Removes a cluster; refused with 409 while devices in service remain in it.");
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<BusinessUnitResponse>>> ListUnitsAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<BusinessUnitResponse>>(
        [
            .. (await scope.Tenant.GetBusinessUnitsAsync(scope.CancellationToken))
                .Where(unit => scope.Access.Sees(AccessScope.BusinessUnit(unit.Id)))
                .Select(unit => BusinessUnitResponse.From(Visible(scope, unit))),
        ]);

    public static async Task<Created<BusinessUnitResponse>> CreateUnitAsync([AsParameters] TenantScope scope, NamedResourceRequest request)
    {
        BusinessUnitInfo unit = await scope.Tenant.CreateBusinessUnitAsync(request.Id, request.Name ?? "", scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/business-units/{unit.Id}", BusinessUnitResponse.From(unit));
    }

    public static async Task<Ok<BusinessUnitResponse>> GetUnitAsync([AsParameters] TenantScope scope, string businessUnitId) =>
        TypedResults.Ok(BusinessUnitResponse.From(Visible(scope, await FindUnitAsync(scope, businessUnitId))));

    public static async Task<Ok<BusinessUnitResponse>> RenameUnitAsync([AsParameters] TenantScope scope, string businessUnitId, UpdateBusinessUnitRequest request) =>
        TypedResults.Ok(BusinessUnitResponse.From(await scope.Tenant.RenameBusinessUnitAsync(businessUnitId, request.Name ?? "", scope.CancellationToken)));

    public static async Task<NoContent> RemoveUnitAsync([AsParameters] TenantScope scope, string businessUnitId)
    {
        await scope.Tenant.RemoveBusinessUnitAsync(businessUnitId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<ClusterResponse>>> ListClustersAsync([AsParameters] TenantScope scope, string businessUnitId) =>
        TypedResults.Ok<IReadOnlyList<ClusterResponse>>([.. Visible(scope, await FindUnitAsync(scope, businessUnitId)).Clusters.Select(ClusterResponse.From)]);

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
            // Moving it changes who inherits access to it: the unit it goes to must be the caller's to shape as well.
            scope.Access.RequireAt(AccessScope.BusinessUnit(request.BusinessUnitId), Permissions.HierarchyManage, $"Business unit '{request.BusinessUnitId}' does not exist.");
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

    /// <summary>The business unit, if it exists for the caller (someone who holds nothing in it does not see it).</summary>
    private static async Task<BusinessUnitInfo> FindUnitAsync(TenantScope scope, string businessUnitId) =>
        (await scope.Tenant.GetBusinessUnitsAsync(scope.CancellationToken))
            .FirstOrDefault(unit => unit.Id == businessUnitId && scope.Access.Sees(AccessScope.BusinessUnit(unit.Id)))
        ?? throw CarmenException.NotFound($"Business unit '{businessUnitId}' does not exist.");

    private static async Task<ClusterInfo> FindClusterAsync(TenantScope scope, string businessUnitId, string clusterId) =>
        Visible(scope, await FindUnitAsync(scope, businessUnitId)).Clusters.FirstOrDefault(cluster => cluster.Id == clusterId)
        ?? throw CarmenException.NotFound($"Cluster '{clusterId}' does not exist in business unit '{businessUnitId}'.");

    /// <summary>The unit with only the clusters the caller sees.</summary>
    private static BusinessUnitInfo Visible(TenantScope scope, BusinessUnitInfo unit) =>
        unit with { Clusters = [.. unit.Clusters.Where(cluster => scope.Access.Sees(AccessScope.Cluster(cluster.Id)))] };
}
