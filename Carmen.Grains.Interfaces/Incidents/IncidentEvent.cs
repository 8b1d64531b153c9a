using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>One entry of an incident's timeline: opened, contained, released, and who did it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.IncidentEvent")]
public sealed record IncidentEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] AuditActor Actor,
    [property: Id(2)] string Event,
    [property: Id(3)] string Detail);
