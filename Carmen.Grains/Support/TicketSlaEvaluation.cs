using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Support;

/// <summary>
/// A ticket's SLA targets as they stand at a moment. Each clock counts business time only while the ticket is new or
/// open: pending and on hold pause it, solved and closed stop it.
/// <list type="bullet">
/// <item>First response: from opening until the support side's first public reply.</item>
/// <item>Next response: from the requester's latest public reply that the support side has not answered yet until
/// its answer; with none waiting, the last such exchange.</item>
/// <item>Resolution: from opening until solved, across reopenings.</item>
/// </list>
/// </summary>
internal static class TicketSlaEvaluation
{
    public static TicketSla Evaluate(TicketInfo ticket, TenantSla sla, DateTimeOffset now)
    {
        var clock = new BusinessClock(sla.Calendar);
        SlaTargets targets = sla.Policy.Targets.TryGetValue(ticket.Priority, out SlaTargets? set) ? set : new SlaTargets(null, null, null);
        bool stopped = ticket.Status is TicketStatus.Solved or TicketStatus.Closed;

        SlaTargetStatus? firstResponse = targets.FirstResponse is TimeSpan firstGoal
            ? Target(clock, ticket, firstGoal, ticket.CreatedAt, ticket.FirstResponseAt ?? (stopped ? ticket.SolvedAt ?? ticket.ClosedAt : null), now)
            : null;
        SlaTargetStatus? nextResponse = targets.NextResponse is TimeSpan nextGoal && LastExchange(ticket) is { } exchange
            ? Target(clock, ticket, nextGoal, exchange.Asked, exchange.Answered ?? (stopped ? ticket.SolvedAt ?? ticket.ClosedAt : null), now)
            : null;
        SlaTargetStatus? resolution = targets.Resolution is TimeSpan resolutionGoal
            ? Target(clock, ticket, resolutionGoal, ticket.CreatedAt, stopped ? ticket.SolvedAt ?? ticket.ClosedAt ?? now : null, now)
            : null;
        return new TicketSla(sla.Policy.Id, firstResponse, nextResponse, resolution);
    }

    /// <summary>One clock from <paramref name="start"/> until <paramref name="end"/> (null: still running at <paramref name="now"/>).</summary>
    private static SlaTargetStatus Target(BusinessClock clock, TicketInfo ticket, TimeSpan goal, DateTimeOffset start, DateTimeOffset? end, DateTimeOffset now)
    {
        DateTimeOffset until = end ?? now;
        TimeSpan elapsed = Running(clock, ticket, start, until);
        if (elapsed > goal)
        {
            return new SlaTargetStatus(SlaTargetState.Breached, goal, elapsed, null);
        }

        if (end is not null)
        {
            return new SlaTargetStatus(SlaTargetState.Met, goal, elapsed, null);
        }

        return ticket.Status is TicketStatus.Pending or TicketStatus.OnHold
            ? new SlaTargetStatus(SlaTargetState.Paused, goal, elapsed, null)
            : new SlaTargetStatus(SlaTargetState.Active, goal, elapsed, clock.Add(now, goal - elapsed));
    }

    /// <summary>Business time within [start, until) while the ticket was new or open.</summary>
    private static TimeSpan Running(BusinessClock clock, TicketInfo ticket, DateTimeOffset start, DateTimeOffset until)
    {
        TimeSpan total = TimeSpan.Zero;
        IReadOnlyList<TicketStatusChange> history = ticket.History;
        for (int i = 0; i < history.Count; i++)
        {
            if (history[i].Status is not (TicketStatus.New or TicketStatus.Open))
            {
                continue;
            }

            DateTimeOffset from = history[i].At > start ? history[i].At : start;
            DateTimeOffset to = i + 1 < history.Count && history[i + 1].At < until ? history[i + 1].At : until;
            total += clock.Between(from, to);
        }

        return total;
    }

    /// <summary>The requester's latest public reply after the support side's first response, and the support side's answer to it, if any.</summary>
    private static (DateTimeOffset Asked, DateTimeOffset? Answered)? LastExchange(TicketInfo ticket)
    {
        DateTimeOffset? asked = null;
        DateTimeOffset? answered = null;
        foreach (TicketReply reply in ticket.Replies)
        {
            if (reply.Internal || ticket.FirstResponseAt is not DateTimeOffset first || reply.At <= first)
            {
                continue;
            }

            if (!reply.ByAgent && (asked is null || answered is not null))
            {
                (asked, answered) = (reply.At, null);
            }
            else if (reply.ByAgent && asked is not null && answered is null)
            {
                answered = reply.At;
            }
        }

        return asked is DateTimeOffset question ? (question, answered) : null;
    }
}
