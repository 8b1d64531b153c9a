namespace Carmen.Grains.Interfaces.RateLimits;

/// <summary>
/// A tenant's rate limits as two parties set them: the platform's administrators (<see cref="Platform"/>), which the
/// tenant's own administrators cannot lift, and the tenant's administrators (<see cref="Tenant"/>), who may only
/// tighten them. <see cref="Effective"/> is what is enforced: the stricter of the two, limit by limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantRateLimits")]
public sealed record TenantRateLimits(
    [property: Id(0)] RateLimitPolicy Platform,
    [property: Id(1)] RateLimitPolicy Tenant)
{
    /// <summary>Nothing set by anyone.</summary>
    public static TenantRateLimits None { get; } = new(RateLimitPolicy.None, RateLimitPolicy.None);

    /// <summary>The limits enforced.</summary>
    public RateLimitPolicy Effective => RateLimitPolicy.Stricter(Platform, Tenant);
}
