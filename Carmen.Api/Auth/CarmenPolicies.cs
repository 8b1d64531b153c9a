using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Authorization;

namespace Carmen.Api.Auth;

/// <summary>One policy per role; each admits its role and every role above it.</summary>
public static class CarmenPolicies
{
    public const string Viewer = nameof(Viewer);
    public const string Operator = nameof(Operator);
    public const string TenantAdmin = nameof(TenantAdmin);
    public const string PlatformAdmin = nameof(PlatformAdmin);

    public static AuthorizationBuilder AddCarmenPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Viewer, policy => policy.RequireClaim(CarmenClaims.Role, RolesFrom(UserRole.Viewer)))
        .AddPolicy(Operator, policy => policy.RequireClaim(CarmenClaims.Role, RolesFrom(UserRole.Operator)))
        .AddPolicy(TenantAdmin, policy => policy.RequireClaim(CarmenClaims.Role, RolesFrom(UserRole.TenantAdmin)))
        .AddPolicy(PlatformAdmin, policy => policy.RequireClaim(CarmenClaims.Role, RolesFrom(UserRole.PlatformAdmin)));

    private static string[] RolesFrom(UserRole lowest) =>
        [.. Enum.GetValues<UserRole>().Where(role => role >= lowest).Select(CarmenClaims.RoleName)];
}
