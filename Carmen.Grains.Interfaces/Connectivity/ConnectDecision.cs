namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>A device grain's answer to an MQTT CONNECT with its credentials.</summary>
[GenerateSerializer, Alias("Carmen.ConnectDecision")]
public enum ConnectDecision
{
    /// <summary>Credentials valid and the device may connect.</summary>
    Accepted = 0,

    /// <summary>The credentials do not belong to this device (any more).</summary>
    BadCredentials = 1,

    /// <summary>Valid credentials, but the device is quarantined or decommissioned, or its tenant is suspended.</summary>
    NotAuthorized = 2,
}
