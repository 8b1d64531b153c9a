using Carmen.Grains.Interfaces.Users;

namespace Carmen.Grains.Tenants;

/// <summary>A user's tenant-wide role and since when they hold it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.UserRoleGrant")]
public sealed record UserRoleGrant([property: Id(0)] UserRole Role, [property: Id(1)] DateTimeOffset Since, [property: Id(2)] string By);
