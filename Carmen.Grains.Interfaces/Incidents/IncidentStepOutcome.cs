namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>How one action went on one device.</summary>
[GenerateSerializer, Alias("Carmen.IncidentStepOutcome")]
public enum IncidentStepOutcome
{
    /// <summary>The action took effect (or had already: running it again changes nothing).</summary>
    Done = 0,

    /// <summary>Nothing to do: the device was decommissioned, already refused, or had nothing the action applies to.</summary>
    Skipped = 1,

    /// <summary>The action could not be taken; its detail says why.</summary>
    Failed = 2,
}
