namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>Quotas of a tenant; null means unlimited.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantLimits")]
public sealed record TenantLimits(
    [property: Id(0)] int? MaxDevices = null,
    [property: Id(1)] int? MaxUsers = null)
{
    /// <summary>No quotas.</summary>
    public static TenantLimits Unlimited { get; } = new();
}
