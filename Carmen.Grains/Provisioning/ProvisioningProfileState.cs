using Carmen.Grains.Interfaces.Provisioning;

namespace Carmen.Grains.Provisioning;

[GenerateSerializer, Alias("Carmen.ProvisioningProfileState")]
public sealed class ProvisioningProfileState
{
    [Id(0)] public string TenantId { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public ProvisioningStrategy Strategy { get; set; }
    [Id(3)] public string ClusterId { get; set; } = "";
    [Id(4)] public string? Type { get; set; }

    /// <summary>PBKDF2 hash of the provisionDeviceSecret; the secret itself is shown once, when the profile is created.</summary>
    [Id(5)] public string SecretHash { get; set; } = "";
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public long DevicesProvisioned { get; set; }
}
