namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>An incident's lifecycle.</summary>
[GenerateSerializer, Alias("Carmen.IncidentStatus")]
public enum IncidentStatus
{
    /// <summary>Its actions are running over its devices.</summary>
    Running = 0,

    /// <summary>Every device's actions have run; the devices stay contained until release.</summary>
    Contained = 1,

    /// <summary>Isolation and enrollment blocks are being lifted device by device.</summary>
    Releasing = 2,

    /// <summary>Every device was released; the record stays.</summary>
    Released = 3,
}
