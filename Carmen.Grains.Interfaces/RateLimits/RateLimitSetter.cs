namespace Carmen.Grains.Interfaces.RateLimits;

/// <summary>Whose part of a tenant's <see cref="TenantRateLimits"/> a change replaces.</summary>
public enum RateLimitSetter
{
    /// <summary>The tenant's own administrators.</summary>
    Tenant,

    /// <summary>The platform's administrators.</summary>
    Platform,
}
