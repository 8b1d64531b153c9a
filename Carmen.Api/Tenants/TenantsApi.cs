using System.Security.Claims;
using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Tenants;

public static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApi(this RouteGroupBuilder tenants, RouteGroupBuilder tenant)
    {
        tenants.MapGet("/", ListAsync).RequireAuthorization()
            .WithSummary("Lists every tenant for platform administrators, the caller's own tenant for everyone else.");
        tenants.MapPost("/", CreateAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin).WithSummary("Provisions a tenant.");

        tenant.MapGet("/", GetAsync);
        tenant.MapPatch("/", UpdateAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Changes name, display name or settings; limits only by platform administrators.");
        tenant.MapDelete("/", DeleteAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin)
            .WithSummary("Deletes a tenant with no devices in service; requires ?confirm={tenantId}.");
        tenant.MapPost("/suspend", SuspendAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin);
        tenant.MapPost("/resume", ResumeAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin);
        return tenants;
    }

    public static async Task<Ok<List<TenantResponse>>> ListAsync(IGrainFactory grains, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids = user.IsPlatformAdmin()
            ? await grains.GetGrain<IPlatformGrain>(IPlatformGrain.Key).GetTenantIdsAsync(cancellationToken)
            : [user.TenantId() ?? ""];
        TenantInfo[] tenants = await Task.WhenAll(ids.Select(id => grains.GetGrain<ITenantGrain>(id).GetAsync(cancellationToken)));
        if (!user.IsPlatformAdmin() && tenants is [{ Status: TenantStatus.Suspended } own])
        {
            // The same answer as every route under /tenants/{id} gives a suspended tenant's users.
            throw CarmenException.Forbidden($"Tenant '{own.Id}' is suspended.");
        }

        return TypedResults.Ok(tenants.Select(TenantResponse.From).ToList());
    }

    public static async Task<Created<TenantResponse>> CreateAsync(CreateTenantRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        string id = request.Id ?? Identifiers.Slugify(request.Name ?? "");
        Identifiers.RequireSlug(id, "id");
        var limits = request.Limits?.ToLimits();
        TenantInfo tenant = await grains.GetGrain<ITenantGrain>(id)
            .CreateAsync(new TenantSpec(request.Name ?? "", request.DisplayName, request.Settings, limits), cancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{tenant.Id}", TenantResponse.From(tenant));
    }

    public static async Task<Ok<TenantResponse>> GetAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(TenantResponse.From(await scope.Tenant.GetAsync(scope.CancellationToken)));

    public static async Task<Ok<TenantResponse>> UpdateAsync([AsParameters] TenantScope scope, UpdateTenantRequest request)
    {
        if (request.Limits is not null && !scope.User.IsPlatformAdmin())
        {
            throw CarmenException.Forbidden("Only platform administrators change a tenant's limits.");
        }

        var limits = request.Limits?.ToLimits();
        TenantInfo tenant = await scope.Tenant.UpdateAsync(
            new TenantUpdate(request.Name, request.DisplayName, request.Settings, limits), scope.CancellationToken);
        return TypedResults.Ok(TenantResponse.From(tenant));
    }

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, string? confirm)
    {
        if (confirm != scope.TenantId)
        {
            throw CarmenException.Invalid("confirm", $"Deleting a tenant is permanent: repeat its id as ?confirm={scope.TenantId}.");
        }

        await scope.Tenant.DeleteAsync(scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<TenantResponse>> SuspendAsync([AsParameters] TenantScope scope, SuspendTenantRequest? request) =>
        TypedResults.Ok(TenantResponse.From(await scope.Tenant.SuspendAsync(request?.Reason, scope.CancellationToken)));

    public static async Task<Ok<TenantResponse>> ResumeAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(TenantResponse.From(await scope.Tenant.ResumeAsync(scope.CancellationToken)));
}
