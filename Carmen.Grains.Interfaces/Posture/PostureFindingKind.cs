namespace Carmen.Grains.Interfaces.Posture;

/// <summary>What a posture check looks for.</summary>
[GenerateSerializer, Alias("Carmen.PostureFindingKind")]
public enum PostureFindingKind
{
    /// <summary>Current certificates that expire within the configured window.</summary>
    CertificatesExpiring = 0,

    /// <summary>An access token or certificate used by two connections from different addresses at once.</summary>
    SharedCredentials = 1,

    /// <summary>Devices that still hold valid credentials but have not been seen for the configured number of days.</summary>
    DormantDevices = 2,

    /// <summary>Devices running a distribution set an operator marked vulnerable.</summary>
    VulnerableSoftware = 3,

    /// <summary>The tenant's device CA (or the platform root above it) expired or expires within the window, yet devices still trust it.</summary>
    CaExpiring = 4,

    /// <summary>Current certificates with RSA keys below 2048 bits (only a tenant's own PKI can have issued them).</summary>
    WeakKeys = 5,
}
