using Carmen.Api.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Carmen.Api.Auth;

/// <summary>
/// Another tenant's resources do not exist for the caller: a failed <see cref="TenantMemberRequirement"/> is answered
/// 404, whatever role the endpoint wants, so tenant ids cannot be probed. Everything else is the default behaviour.
/// </summary>
public sealed class TenantAwareAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<TenantMemberRequirement>().Any() == true)
        {
            string tenantId = context.GetRouteValue("tenantId") as string ?? "";
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = TenantGate.NotFoundProblem(tenantId),
            });
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
