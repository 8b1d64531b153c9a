namespace Carmen.Api.Contracts;

/// <summary>A reply on a ticket; <see cref="Internal"/>: a note only the support side sees (the support side's to write).</summary>
public sealed record TicketReplyRequest(string? Body, bool? Internal);
