namespace Carmen.Grains.Interfaces.Users;

/// <summary>A user as administrators see it; never carries the password hash.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.UserInfo")]
public sealed record UserInfo(
    [property: Id(0)] string Username,
    [property: Id(1)] string? TenantId,
    [property: Id(2)] UserRole Role,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? LockedUntil,
    [property: Id(5)] string? Email = null);
