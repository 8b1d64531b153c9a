namespace Carmen.Grains.Interfaces.Provisioning;

/// <summary>A tenant's provisioning profile, found by its <see cref="Key"/> (the provisionDeviceKey devices send).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ProvisioningProfile")]
public sealed record ProvisioningProfile(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Key,
    [property: Id(2)] string Name,
    [property: Id(3)] ProvisioningStrategy Strategy,
    [property: Id(4)] string ClusterId,
    [property: Id(5)] string? Type,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] long DevicesProvisioned);
