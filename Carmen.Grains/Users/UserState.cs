using Carmen.Grains.Interfaces.Users;

namespace Carmen.Grains.Users;

[GenerateSerializer, Alias("Carmen.UserState")]
public sealed class UserState
{
    [Id(0)] public string? TenantId { get; set; }
    [Id(1)] public UserRole Role { get; set; }
    [Id(2)] public string PasswordHash { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public int FailedAttempts { get; set; }
    [Id(5)] public DateTimeOffset? LockedUntil { get; set; }
}
