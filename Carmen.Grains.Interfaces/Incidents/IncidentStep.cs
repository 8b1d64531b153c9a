namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>One action on one device: what came of it, and a word on why when it was skipped or failed.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.IncidentStep")]
public sealed record IncidentStep(
    [property: Id(0)] IncidentAction Action,
    [property: Id(1)] IncidentStepOutcome Outcome,
    [property: Id(2)] string? Detail = null);
