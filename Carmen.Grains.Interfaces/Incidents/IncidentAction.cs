namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>What an incident does to each of its devices.</summary>
[GenerateSerializer, Alias("Carmen.IncidentAction")]
public enum IncidentAction
{
    /// <summary>Isolates the device: it may connect to send telemetry and answer diagnostic RPCs, and gets no updates or configuration.</summary>
    Quarantine = 0,

    /// <summary>Revokes every current certificate of the device (reason keyCompromise); live connections that used one close.</summary>
    RevokeCertificates = 1,

    /// <summary>Revokes the device's access token and basic credentials; re-provisioning issues new ones.</summary>
    RotateTokens = 2,

    /// <summary>Closes the device's live connection.</summary>
    Disconnect = 3,

    /// <summary>Refuses new enrollment tokens and certificates for the device until the incident is released.</summary>
    BlockEnrollment = 4,
}
