using Microsoft.AspNetCore.Authorization;

namespace Carmen.Api.Auth;

/// <summary>
/// The caller belongs to the tenant in the route (or is a platform administrator). Checked with the role policies,
/// and answered with 404 rather than 403 when it fails (see <see cref="TenantAwareAuthorizationResultHandler"/>).
/// </summary>
public sealed class TenantMemberRequirement : AuthorizationHandler<TenantMemberRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantMemberRequirement requirement)
    {
        string? tenantId = (context.Resource as HttpContext)?.GetRouteValue("tenantId") as string;
        if (tenantId is null || context.User.CanAccessTenant(tenantId))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
