using Carmen.Api.Auth;
using Carmen.Api.Errors;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Tenants;

/// <summary>
/// Guards every /tenants/{tenantId} route: a caller of another tenant gets 404, exactly as for a tenant that does
/// not exist, so tenant ids cannot be probed; users of a suspended tenant get 403 (platform administrators pass,
/// so they can resume it).
/// </summary>
public sealed class TenantScopeFilter(IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        string tenantId = http.GetRouteValue("tenantId") as string ?? "";
        if (!http.User.CanAccessTenant(tenantId))
        {
            return NotFound(tenantId);
        }

        TenantStatus status = await grains.GetGrain<ITenantGrain>(tenantId).GetStatusAsync(http.RequestAborted);
        return status switch
        {
            TenantStatus.None => NotFound(tenantId),
            TenantStatus.Suspended when !http.User.IsPlatformAdmin() =>
                TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status403Forbidden, $"Tenant '{tenantId}' is suspended.", null)),
            _ => await next(context),
        };
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string tenantId) =>
        TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status404NotFound, $"Tenant '{tenantId}' does not exist.", null));
}
