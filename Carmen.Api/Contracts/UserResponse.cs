using Carmen.Grains.Interfaces.Users;

namespace Carmen.Api.Contracts;

public sealed record UserResponse(string Username, string? TenantId, UserRole Role, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil, string? Email)
{
    public static UserResponse From(UserInfo user) => new(user.Username, user.TenantId, user.Role, user.CreatedAt, user.LockedUntil, user.Email);
}
