namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>Lifecycle of a tenant.</summary>
[GenerateSerializer, Alias("Carmen.TenantStatus")]
public enum TenantStatus
{
    /// <summary>No tenant with this id exists (never created, or deleted).</summary>
    None = 0,

    /// <summary>Operating normally.</summary>
    Active = 1,

    /// <summary>Suspended by a platform administrator: its users and devices are refused.</summary>
    Suspended = 2,
}
