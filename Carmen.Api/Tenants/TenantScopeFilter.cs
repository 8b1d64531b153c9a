using Carmen.Api.Auth;
using Carmen.Api.Errors;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Tenants;

/// <summary>
/// Runs on every /tenants/{tenantId} route after authorization, which has already answered other tenants' users
/// with 404 (<see cref="TenantMemberRequirement"/>): a tenant that does not exist is 404; users of a suspended
/// tenant get 403, while platform administrators pass so they can resume it.
/// </summary>
public sealed class TenantScopeFilter(IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        string tenantId = http.GetRouteValue("tenantId") as string ?? "";
        TenantStatus status = Identifiers.IsValidSlug(tenantId) // no tenant is named otherwise, and no grain is keyed by blanks
            ? await grains.GetGrain<ITenantGrain>(tenantId).GetStatusAsync(http.RequestAborted)
            : TenantStatus.None;
        return status switch
        {
            TenantStatus.None => NotFound(tenantId),
            TenantStatus.Suspended when !http.User.IsPlatformAdmin() =>
                TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status403Forbidden, $"Tenant '{tenantId}' is suspended.", null)),
            _ => await next(context),
        };
    }

    /// <summary>The answer for a tenant that does not exist or is not the caller's: the two are told apart by nobody.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFoundProblem(string tenantId) =>
        CarmenExceptionHandler.Problem(StatusCodes.Status404NotFound, $"Tenant '{tenantId}' does not exist.", null);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string tenantId) => TypedResults.Problem(NotFoundProblem(tenantId));
}
