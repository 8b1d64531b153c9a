using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Applications;

/// <summary>
/// One tenant's application configuration record (key: the tenant id). Platform rollouts reach it through
/// <see cref="IRolloutTargetGrain"/>, exactly as device rollouts reach devices.
/// </summary>
[Alias("Carmen.ITenantApplicationGrain")]
public interface ITenantApplicationGrain : IRolloutTargetGrain, ITenantRecordGrain
{
    /// <summary>The release the tenant runs, what waits for it, and its history.</summary>
    [Alias("Get")]
    Task<TenantApplicationInfo> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The tenant's administrator takes a waiting release: it is applied now.</summary>
    [Alias("AcceptAction")]
    Task<ApplicationAction> AcceptActionAsync(long actionId, string by, CancellationToken cancellationToken = default);

    /// <summary>The tenant's administrator refuses a waiting release; the rollout counts it as a failure.</summary>
    [Alias("RejectAction")]
    Task<ApplicationAction> RejectActionAsync(long actionId, string by, string? reason, CancellationToken cancellationToken = default);
}
