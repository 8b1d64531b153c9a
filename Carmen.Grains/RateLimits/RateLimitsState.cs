using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Grains.RateLimits;

[GenerateSerializer, Alias("Carmen.RateLimitsState")]
public sealed class RateLimitsState
{
    [Id(0)]
    public TenantRateLimits Limits { get; set; } = TenantRateLimits.None;
}
