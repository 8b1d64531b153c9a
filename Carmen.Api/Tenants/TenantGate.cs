using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Errors;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Tenants;

/// <summary>
/// Runs on every /tenants/{tenantId} route after authorization, which has already answered other tenants' users
/// with 404 (<see cref="TenantMemberRequirement"/>), and before the request is bound or validated, so nothing about a
/// resource leaks to whoever may not see it: a tenant that does not exist is 404; users of a suspended tenant get
/// 403, while platform administrators pass so they can resume it. Then it decides, in memory, what the caller may do
/// here (<see cref="CallerAccess"/>, from the tenant's access at the version its status came with) and enforces the
/// endpoint's <see cref="AccessRequirement"/>.
/// </summary>
public sealed class TenantGate(RequestDelegate next, IGrainFactory grains, AccessIndexCache accessIndexes)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<TenantRoute>() is null)
        {
            await next(http);
            return;
        }

        string tenantId = http.GetRouteValue("tenantId") as string ?? "";
        TenantAccess tenant = http.Items[ItemKey(tenantId)] as TenantAccess // read already by the token's check
            ?? (Identifiers.IsValidSlug(tenantId) // no tenant is named otherwise, and no grain is keyed by blanks
                ? await grains.GetGrain<ITenantGrain>(tenantId).GetAccessAsync(http.RequestAborted)
                : new TenantAccess(TenantStatus.None, ""));
        switch (tenant.Status)
        {
            case TenantStatus.None:
                throw CarmenException.NotFound(NotFoundProblem(tenantId).Detail!);
            case TenantStatus.Suspended when !http.User.IsPlatformAdmin():
                throw CarmenException.Forbidden($"Tenant '{tenantId}' is suspended.");
        }

        AccessIndex index = await accessIndexes.GetAsync(tenantId, tenant.AccessVersion, http.RequestAborted);
        CallerAccess caller = http.User.IsPlatformAdmin() ? CallerAccess.PlatformAdmin(index, http.User.Actor()) : CallerAccess.Of(index, http.User.Actor());
        http.Items[typeof(CallerAccess)] = caller;
        if (http.GetEndpoint()?.Metadata.GetMetadata<AccessRequirement>() is AccessRequirement required)
        {
            await RouteResources.RequireAsync(caller, required, http, grains);
        }

        await next(http);
    }

    /// <summary>Where a request keeps the tenant's status and access version once read, so it is read once.</summary>
    public static string ItemKey(string tenantId) => $"carmen.tenant:{tenantId}";

    /// <summary>The answer for a tenant that does not exist or is not the caller's: the two are told apart by nobody.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFoundProblem(string tenantId) =>
        CarmenExceptionHandler.Problem(StatusCodes.Status404NotFound, $"Tenant '{tenantId}' does not exist.", null);

    /// <summary>Endpoint metadata marking the routes under /tenants/{tenantId}.</summary>
    public sealed class TenantRoute;
}
