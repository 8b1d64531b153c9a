namespace Carmen.Grains.Interfaces.RateLimits;

/// <summary>A tenant's <see cref="TenantRateLimits"/>, keyed by tenant id.</summary>
[Alias("Carmen.IRateLimitsGrain")]
public interface IRateLimitsGrain : IGrainWithStringKey
{
    /// <summary>The limits; none until set.</summary>
    [Alias("Get")]
    Task<TenantRateLimits> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces <paramref name="setter"/>'s part. Each number is checked (a field error names it, as "perKey.burst");
    /// <paramref name="routeGroups"/> are the groups a limit may name.
    /// </summary>
    [Alias("Set")]
    Task<TenantRateLimits> SetAsync(RateLimitPolicy limits, RateLimitSetter setter, IReadOnlySet<string> routeGroups, CancellationToken cancellationToken = default);
}
