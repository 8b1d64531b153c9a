namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>Where one device of an incident stands.</summary>
[GenerateSerializer, Alias("Carmen.IncidentDeviceStatus")]
public enum IncidentDeviceStatus
{
    /// <summary>Its actions have not run yet.</summary>
    Pending = 0,

    /// <summary>Every action ran (done or skipped).</summary>
    Contained = 1,

    /// <summary>At least one action failed, or the device does not exist for the incident's opener.</summary>
    Failed = 2,

    /// <summary>The incident released it: isolation and the enrollment block are lifted.</summary>
    Released = 3,
}
