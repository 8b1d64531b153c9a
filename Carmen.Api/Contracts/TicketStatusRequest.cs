using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>Moves a ticket: open, pending, onHold, solved or closed (the requester's side: solved only).</summary>
public sealed record TicketStatusRequest(TicketStatus? Status);
