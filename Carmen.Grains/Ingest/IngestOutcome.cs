namespace Carmen.Grains.Ingest;

/// <summary>What became of a message offered to a device's ingest cell.</summary>
public enum IngestOutcome
{
    /// <summary>Not taken: the cell is closed, or on other terms; the grain takes the message.</summary>
    Refused,

    /// <summary>Taken, and nothing is left for the grain to do about it.</summary>
    Taken,

    /// <summary>Taken, and the grain must act on it (an alert raised or cleared, its clock to set): call it before acknowledging.</summary>
    TakenForTheGrain,
}
