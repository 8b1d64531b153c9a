using System.Security.Claims;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Carmen.Api.Auth;

/// <summary>
/// A signed token is honoured only while what it claims still holds: the user exists with the same security stamp,
/// role and tenant, and the tenant is the same incarnation. Asked of the user's and tenant's grains on every request
/// (their memory, never the store), so deleting a user, re-creating it with another role, or deleting and re-creating
/// its tenant ends its tokens at once, on every node.
/// </summary>
public sealed class TokenRevocation(IGrainFactory grains)
{
    public async Task ValidateAsync(TokenValidatedContext context)
    {
        if (context.Principal is not ClaimsPrincipal principal || await WhyRevokedAsync(principal, context.HttpContext) is not string reason)
        {
            return;
        }

        context.Fail(reason);
    }

    private async Task<string?> WhyRevokedAsync(ClaimsPrincipal principal, HttpContext http)
    {
        CancellationToken cancellationToken = http.RequestAborted;
        UserAccess? user = await grains.GetGrain<IUserGrain>(UserKeys.Of(principal.TenantId(), principal.Actor())).GetAccessAsync(cancellationToken);
        if (user is null)
        {
            return "The user no longer exists.";
        }

        if (user.SecurityStamp != (principal.FindFirstValue(CarmenClaims.SecurityStamp) ?? "")
            || CarmenClaims.RoleName(user.Role) != principal.FindFirstValue(CarmenClaims.Role)
            || user.TenantId != principal.TenantId())
        {
            return "The user's account changed since the token was issued; sign in again.";
        }

        if (user.TenantId is null)
        {
            return null;
        }

        TenantAccess tenant = await grains.GetGrain<ITenantGrain>(user.TenantId).GetAccessAsync(cancellationToken);
        http.Items[TenantGate.ItemKey(user.TenantId)] = tenant; // the tenant route's filter needs it too: one read per request
        return tenant.Status == TenantStatus.None || tenant.Incarnation != (principal.FindFirstValue(CarmenClaims.TenantIncarnation) ?? "")
            ? "The token's tenant no longer exists."
            : null;
    }
}
