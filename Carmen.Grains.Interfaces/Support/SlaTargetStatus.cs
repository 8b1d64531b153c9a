namespace Carmen.Grains.Interfaces.Support;

/// <summary>
/// One target of a ticket: its goal and the business time used so far (or until it was met). <see cref="DueAt"/>:
/// when it breaches if the clock keeps running from now; null once met or breached, or while paused.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.SlaTargetStatus")]
public sealed record SlaTargetStatus(
    [property: Id(0)] SlaTargetState State,
    [property: Id(1)] TimeSpan Goal,
    [property: Id(2)] TimeSpan Elapsed,
    [property: Id(3)] DateTimeOffset? DueAt);
