namespace Carmen.Grains.Interfaces.Provisioning;

/// <summary>A provisioning profile as an operator writes it; the device secret is given apart and kept only as a hash.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ProvisioningProfileSpec")]
public sealed record ProvisioningProfileSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] ProvisioningStrategy Strategy,
    [property: Id(2)] string ClusterId,
    [property: Id(3)] string? Type = null);
