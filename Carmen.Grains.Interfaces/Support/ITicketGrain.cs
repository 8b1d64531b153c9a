using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Interfaces.Support;

/// <summary>
/// One support ticket (keyed by <see cref="TicketKeys"/>): its conversation and lifecycle. Every change is written to
/// the tenant's ticket directory, which lists them. A solved ticket counts as closed once the reopen window has passed.
/// </summary>
[Alias("Carmen.ITicketGrain")]
public interface ITicketGrain : IGrainWithStringKey
{
    /// <summary>Opens the ticket, status new; a conflict when this id was opened already.</summary>
    [Alias("Open")]
    Task<TicketInfo> OpenAsync(TicketDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The ticket, or null when there is none under this id.</summary>
    [Alias("Find")]
    Task<TicketInfo?> FindAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a reply. From the requester's side it opens a pending ticket again, and a solved one within the reopen
    /// window; from the support side, a public reply opens a new ticket and is the first response. Closed: a conflict.
    /// </summary>
    [Alias("Reply")]
    Task<TicketInfo> ReplyAsync(AuditActor author, bool byAgent, string body, bool isInternal, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the ticket on. The support side may set open, pending, on hold, solved or closed; the requester's side
    /// only solved. A closed ticket, or a move the side may not make, is refused.
    /// </summary>
    [Alias("SetStatus")]
    Task<TicketInfo> SetStatusAsync(TicketStatus status, bool byAgent, CancellationToken cancellationToken = default);

    /// <summary>The ticket's targets as they stand now, under the policy in force for its tenant; null without a policy or a ticket.</summary>
    [Alias("GetSla")]
    Task<TicketSla?> GetSlaAsync(CancellationToken cancellationToken = default);

    /// <summary>Erases the ticket (its tenant is being deleted).</summary>
    [Alias("Erase")]
    Task EraseAsync(CancellationToken cancellationToken = default);
}
