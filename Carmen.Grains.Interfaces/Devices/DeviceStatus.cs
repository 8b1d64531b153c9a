namespace Carmen.Grains.Interfaces.Devices;

/// <summary>Lifecycle status of a device.</summary>
[GenerateSerializer, Alias("Carmen.DeviceStatus")]
public enum DeviceStatus
{
    /// <summary>Registered, never connected.</summary>
    Registered = 0,

    /// <summary>Connected, or heard from within its keep-alive window.</summary>
    Online = 1,

    /// <summary>Connected before, silent now.</summary>
    Offline = 2,

    /// <summary>Isolated by an operator: refused by the platform until released.</summary>
    Quarantined = 3,

    /// <summary>Retired: credentials revoked, no longer counted against the tenant's quota.</summary>
    Decommissioned = 4,

    /// <summary>
    /// Contained by a security incident: it may connect, but only to send telemetry and answer diagnostic RPCs; it gets
    /// no updates or configuration until the incident releases it.
    /// </summary>
    Isolated = 5,
}
