namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>How many of an incident's devices stand where.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.IncidentProgress")]
public sealed record IncidentProgress(
    [property: Id(0)] int Total,
    [property: Id(1)] int Pending,
    [property: Id(2)] int Contained,
    [property: Id(3)] int Failed,
    [property: Id(4)] int Released);
