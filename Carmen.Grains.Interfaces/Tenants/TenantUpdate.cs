namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>A partial update of a tenant: null members are left unchanged; a null settings value removes that key.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantUpdate")]
public sealed record TenantUpdate(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? DisplayName = null,
    [property: Id(2)] IReadOnlyDictionary<string, string?>? Settings = null,
    [property: Id(3)] TenantLimits? Limits = null);
