namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>Why the platform closes a device's connection.</summary>
[GenerateSerializer, Alias("Carmen.DeviceCloseReason")]
public enum DeviceCloseReason
{
    /// <summary>The device connected again, elsewhere or with another client id; the newer connection wins.</summary>
    SessionTakenOver = 0,

    /// <summary>The device was quarantined or decommissioned, its credentials rotated, or its tenant suspended.</summary>
    NotAuthorized = 1,
}
