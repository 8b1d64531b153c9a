using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Api.Contracts;

/// <summary><c>{"perKey":{...},"perUser":{...},"perTenant":{...}}</c>; a limit left out does not apply.</summary>
public sealed record RateLimitsContract(RateLimitContract? PerKey, RateLimitContract? PerUser, RateLimitContract? PerTenant)
{
    public RateLimitPolicy ToLimits() => new(PerKey?.ToLimit(), PerUser?.ToLimit(), PerTenant?.ToLimit());

    public static RateLimitsContract From(RateLimitPolicy limits) =>
        new(RateLimitContract.From(limits.PerKey), RateLimitContract.From(limits.PerUser), RateLimitContract.From(limits.PerTenant));
}
