using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Updates;

/// <summary>Distribution sets: what a device is updated to, as one unit of modules.</summary>
public static class DistributionSetsApi
{
    public static RouteGroupBuilder MapDistributionSetsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder sets = tenant.MapGroup("/distribution-sets").WithTags("Software updates");
        sets.MapGet("/", ListAsync).RequirePermissionAnywhere(Permissions.DevicesRead);
        sets.MapPost("/", CreateAsync).RequirePermission(Permissions.RolloutsManage);
        sets.MapGet("/{distributionSetId:long}", GetAsync).RequirePermissionAnywhere(Permissions.DevicesRead);
        sets.MapDelete("/{distributionSetId:long}", DeleteAsync).RequirePermission(Permissions.RolloutsManage)
            .WithSummary("Deletes a distribution set; refused with 409 while a device has it installed or assigned.");
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<DistributionSetResponse>>> ListAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<DistributionSetResponse>>([.. (await Catalog(scope).ListDistributionSetsAsync(scope.CancellationToken)).Select(DistributionSetResponse.From)]);

    public static async Task<Created<DistributionSetResponse>> CreateAsync([AsParameters] TenantScope scope, CreateDistributionSetRequest request)
    {
        var spec = new DistributionSetSpec(request.Name ?? "", request.Version ?? "", request.Modules ?? [], request.DeviceTypes, request.Description);
        DistributionSetInfo set = await Catalog(scope).CreateDistributionSetAsync(spec, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/distribution-sets/{set.Id}", DistributionSetResponse.From(set));
    }

    public static async Task<Ok<DistributionSetResponse>> GetAsync([AsParameters] TenantScope scope, long distributionSetId) =>
        TypedResults.Ok(DistributionSetResponse.From(await Catalog(scope).GetDistributionSetAsync(distributionSetId, scope.CancellationToken)));

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, long distributionSetId)
    {
        await Catalog(scope).DeleteDistributionSetAsync(distributionSetId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    private static ISoftwareCatalogGrain Catalog(TenantScope scope) => scope.Grains.GetGrain<ISoftwareCatalogGrain>(scope.TenantId);
}
