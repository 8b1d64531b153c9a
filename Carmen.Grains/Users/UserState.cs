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

    /// <summary>Changes with the account's credentials and role; tokens carry it, so a change ends them. Empty for accounts made before stamps.</summary>
    [Id(6)] public string SecurityStamp { get; set; } = "";

    /// <summary>Where the user signed in from lately (IP addresses, most recent first): a lockout does not apply there.</summary>
    [Id(7)] public List<string> KnownAddresses { get; set; } = [];

    /// <summary>Where mail about the account (changes of its access) reaches its owner; none for accounts made without one.</summary>
    [Id(8)] public string? Email { get; set; }

    /// <summary>The user's personal API keys (revoked with the account).</summary>
    [Id(9)] public List<string> ApiKeyIds { get; set; } = [];
}
