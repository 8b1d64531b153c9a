namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>
/// A tenant's status and incarnation: a tenant deleted and created again under the same id is another incarnation,
/// so a token issued for the first reaches nothing of the second. <see cref="AccessVersion"/> moves with every change
/// of the tenant's tree, roles or assignments: a node whose cached access is of another version fetches it again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantAccess")]
public sealed record TenantAccess(
    [property: Id(0)] TenantStatus Status,
    [property: Id(1)] string Incarnation,
    [property: Id(2)] string AccessVersion = "");
