namespace Carmen.Grains.Interfaces.Users;

/// <summary>A user to create: the tenant (null only for platform administrators), the role, the initial password, and where mail reaches them.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.UserSpec")]
public sealed record UserSpec(
    [property: Id(0)] string? TenantId,
    [property: Id(1)] UserRole Role,
    [property: Id(2)] string Password,
    [property: Id(3)] string? Email = null);
