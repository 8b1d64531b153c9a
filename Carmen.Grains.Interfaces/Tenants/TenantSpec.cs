namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>What a platform administrator gives to provision a tenant.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantSpec")]
public sealed record TenantSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] IReadOnlyDictionary<string, string>? Settings,
    [property: Id(3)] TenantLimits? Limits);
