namespace Carmen.Grains.Interfaces.Support;

/// <summary>A ticket entered <see cref="Status"/> at <see cref="At"/>: the record SLA clocks are measured on (paused while pending or on hold).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TicketStatusChange")]
public sealed record TicketStatusChange(
    [property: Id(0)] TicketStatus Status,
    [property: Id(1)] DateTimeOffset At);
