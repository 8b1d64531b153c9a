using System.Security.Claims;
using Carmen.Grains.Interfaces.Users;

namespace Carmen.Api.Auth;

/// <summary>The claims of an operator token and how to read them.</summary>
public static class CarmenClaims
{
    public const string Subject = "sub";
    public const string Tenant = "tenant";
    public const string Role = "role";

    /// <summary>The user's security stamp when the token was issued (see <see cref="TokenRevocation"/>).</summary>
    public const string SecurityStamp = "stamp";

    /// <summary>Marks a token good only for enrolling a second factor (<see cref="SecondFactorEnrollmentGate"/>).</summary>
    public const string EnrollmentOnly = "enroll_2fa";

    /// <summary>The incarnation of the user's tenant when the token was issued.</summary>
    public const string TenantIncarnation = "tenant_inc";

    public static string RoleName(UserRole role) => role switch
    {
        UserRole.PlatformAdmin => "platformAdmin",
        UserRole.TenantAdmin => "tenantAdmin",
        UserRole.Operator => "operator",
        UserRole.Member => "member",
        _ => "viewer",
    };

    public static bool IsPlatformAdmin(this ClaimsPrincipal user) => user.HasClaim(Role, RoleName(UserRole.PlatformAdmin));

    public static string? TenantId(this ClaimsPrincipal user) => user.FindFirstValue(Tenant);

    /// <summary>Who acts, as records of who created, approved or decided something name them.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>Platform administrators reach every tenant; everyone else only the tenant in their token.</summary>
    public static bool CanAccessTenant(this ClaimsPrincipal user, string tenantId) =>
        user.IsPlatformAdmin() || string.Equals(user.TenantId(), tenantId, StringComparison.Ordinal);
}
