using Carmen.Grains.Interfaces.Provisioning;

namespace Carmen.Api.Contracts;

/// <summary>A provisioning profile; the key and secret are generated when left out, and the secret is shown only in the answer to this.</summary>
public sealed record CreateProvisioningProfileRequest(
    string? Name,
    string? ProvisionDeviceKey,
    string? ProvisionDeviceSecret,
    ProvisioningStrategy? Strategy,
    string? ClusterId,
    string? Type);
