using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Authorization;

namespace Carmen.Api.Auth;

/// <summary>
/// The platform administrator policy. Tenant routes authorize by permission on the resource they touch instead
/// (<see cref="Access.AccessRequirement"/>), decided from the tenant's role assignments.
/// </summary>
public static class CarmenPolicies
{
    public const string PlatformAdmin = nameof(PlatformAdmin);

    public static AuthorizationBuilder AddCarmenPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(PlatformAdmin, policy => policy.RequireClaim(CarmenClaims.Role, CarmenClaims.RoleName(UserRole.PlatformAdmin)));
}
