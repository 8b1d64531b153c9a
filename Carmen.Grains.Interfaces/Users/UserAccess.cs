namespace Carmen.Grains.Interfaces.Users;

/// <summary>
/// What a bearer token must still match for the API to honour it: the user's security stamp (new for every account,
/// and whenever its credentials or role change), role and tenant.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.UserAccess")]
public sealed record UserAccess(
    [property: Id(0)] string SecurityStamp,
    [property: Id(1)] UserRole Role,
    [property: Id(2)] string? TenantId);
