using Carmen.Grains.Interfaces.Provisioning;

namespace Carmen.Api.Contracts;

/// <summary>A provisioning profile; <see cref="ProvisionDeviceSecret"/> is present only in the answer that created it.</summary>
public sealed record ProvisioningProfileResponse(
    string Name,
    string ProvisionDeviceKey,
    string? ProvisionDeviceSecret,
    ProvisioningStrategy Strategy,
    string ClusterId,
    string? Type,
    DateTimeOffset CreatedAt,
    long DevicesProvisioned)
{
    public static ProvisioningProfileResponse From(ProvisioningProfile profile, string? secret = null) => new(
        profile.Name, profile.Key, secret, profile.Strategy, profile.ClusterId, profile.Type, profile.CreatedAt, profile.DevicesProvisioned);
}
