namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>
/// A tenant's status and incarnation: a tenant deleted and created again under the same id is another incarnation,
/// so a token issued for the first reaches nothing of the second.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantAccess")]
public sealed record TenantAccess(
    [property: Id(0)] TenantStatus Status,
    [property: Id(1)] string Incarnation);
