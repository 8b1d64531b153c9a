using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Grains.Escalation;

/// <summary>
/// One alert's escalation under way: the next level to reach, the latest reached (-1 before the first) with its
/// re-notification count, and when something is next due.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.EscalationEntry")]
public sealed record EscalationEntry(
    [property: Id(0)] string AlertId,
    [property: Id(1)] long PathId,
    [property: Id(2)] AlertRaised Alert,
    [property: Id(3)] IReadOnlyList<long> TeamIds,
    [property: Id(4)] int NextLevel,
    [property: Id(5)] int CurrentLevel,
    [property: Id(6)] int Repeat,
    [property: Id(7)] DateTimeOffset? LastNotifiedAt,
    [property: Id(8)] DateTimeOffset NextDueAt);
