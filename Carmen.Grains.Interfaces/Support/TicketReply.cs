using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Interfaces.Support;

/// <summary>
/// A reply on a ticket: public (the requester sees it) or an internal note (agents only). <see cref="ByAgent"/>: written
/// from the support side, which is what counts as a response to the requester.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TicketReply")]
public sealed record TicketReply(
    [property: Id(0)] int Id,
    [property: Id(1)] AuditActor Author,
    [property: Id(2)] bool ByAgent,
    [property: Id(3)] string Body,
    [property: Id(4)] bool Internal,
    [property: Id(5)] DateTimeOffset At);
