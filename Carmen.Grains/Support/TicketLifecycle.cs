using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Support;

/// <summary>
/// How a ticket's status moves. A solved ticket closes by itself once the reopen window has passed: its status is
/// read as closed from then on, without a timer, and saved as closed by its next change.
/// </summary>
internal static class TicketLifecycle
{
    /// <summary>The status as it stands at <paramref name="now"/>.</summary>
    public static TicketStatus Effective(TicketStatus status, DateTimeOffset? solvedAt, DateTimeOffset now, TimeSpan reopenWindow) =>
        status == TicketStatus.Solved && solvedAt is DateTimeOffset solved && now - solved >= reopenWindow ? TicketStatus.Closed : status;

    /// <summary>The status after a reply; a closed ticket takes none.</summary>
    public static TicketStatus AfterReply(TicketStatus status, bool byAgent, bool isInternal, long ticketId)
    {
        if (status == TicketStatus.Closed)
        {
            throw CarmenException.Conflict($"Ticket {ticketId} is closed; open a new ticket and mention this one.");
        }

        if (isInternal)
        {
            return status;
        }

        return (status, byAgent) switch
        {
            (TicketStatus.New, true) => TicketStatus.Open,
            (TicketStatus.Pending or TicketStatus.Solved, false) => TicketStatus.Open,
            _ => status,
        };
    }

    /// <summary>Refuses a move the side may not make; returns the new status.</summary>
    public static TicketStatus Move(TicketStatus from, TicketStatus to, bool byAgent, long ticketId)
    {
        if (from == TicketStatus.Closed)
        {
            throw CarmenException.Conflict($"Ticket {ticketId} is closed; nothing changes it any more.");
        }

        if (to == TicketStatus.New)
        {
            throw CarmenException.Invalid("status", "A ticket cannot become new again; set open, pending, onHold, solved or closed.");
        }

        if (!byAgent && to != TicketStatus.Solved)
        {
            throw CarmenException.Forbidden($"The requester's side may only mark a ticket solved; '{JsonNamingPolicy.CamelCase.ConvertName(to.ToString())}' is the support side's.");
        }

        return to;
    }
}
