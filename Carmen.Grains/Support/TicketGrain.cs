using System.Globalization;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Support;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Support;

/// <summary>One support ticket: its conversation and lifecycle (<see cref="TicketLifecycle"/>), its line kept current in the tenant's directory.</summary>
[GrainType("ticket")]
public sealed class TicketGrain(
    [PersistentState("ticket", StorageNames.Tenants)] IPersistentState<TicketState> ticket,
    TimeProvider time,
    IOptions<SupportOptions> options) : Grain, ITicketGrain
{
    public async Task<TicketInfo> OpenAsync(TicketDraft draft, CancellationToken cancellationToken)
    {
        if (ticket.State.Ticket is not null)
        {
            throw CarmenException.Conflict($"Ticket {Key.Id} was opened already.");
        }

        DateTimeOffset now = time.GetUtcNow();
        (string tenantId, long id) = Key;
        var opened = new TicketInfo(
            tenantId, id, draft.Subject, draft.Description, draft.Priority, draft.Category, TicketStatus.New, draft.Requester,
            draft.Devices, [], now, now, FirstResponseAt: null, SolvedAt: null, ClosedAt: null, ReopenCount: 0, [new TicketStatusChange(TicketStatus.New, now)]);
        return await SaveAsync(opened, cancellationToken);
    }

    public Task<TicketInfo?> FindAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ticket.State.Ticket is TicketInfo known ? AsOfNow(known) : null);

    public async Task<TicketInfo> ReplyAsync(AuditActor author, bool byAgent, string body, bool isInternal, CancellationToken cancellationToken)
    {
        TicketInfo current = AsOfNow(Require());
        TicketStatus status = TicketLifecycle.AfterReply(current.Status, byAgent, isInternal, current.Id);
        DateTimeOffset now = time.GetUtcNow();
        bool reopened = current.Status == TicketStatus.Solved && status == TicketStatus.Open;
        bool responds = byAgent && !isInternal;
        TicketInfo replied = current with
        {
            Status = status,
            Replies = [.. current.Replies, new TicketReply(current.Replies.Count + 1, author, byAgent, body, isInternal, now)],
            UpdatedAt = now,
            FirstResponseAt = current.FirstResponseAt ?? (responds ? now : null),
            SolvedAt = reopened ? null : current.SolvedAt,
            ReopenCount = current.ReopenCount + (reopened ? 1 : 0),
        };
        return await SaveAsync(replied, cancellationToken);
    }

    public async Task<TicketInfo> SetStatusAsync(TicketStatus status, bool byAgent, CancellationToken cancellationToken)
    {
        TicketInfo current = AsOfNow(Require());
        TicketStatus moved = TicketLifecycle.Move(current.Status, status, byAgent, current.Id);
        if (moved == current.Status)
        {
            return current;
        }

        DateTimeOffset now = time.GetUtcNow();
        TicketInfo changed = current with
        {
            Status = moved,
            UpdatedAt = now,
            SolvedAt = moved switch { TicketStatus.Solved => now, TicketStatus.Closed => current.SolvedAt, _ => null },
            ClosedAt = moved == TicketStatus.Closed ? now : null,
            ReopenCount = current.ReopenCount + (current.Status == TicketStatus.Solved && moved != TicketStatus.Closed ? 1 : 0),
        };
        return await SaveAsync(changed, cancellationToken);
    }

    public async Task<TicketSla?> GetSlaAsync(CancellationToken cancellationToken)
    {
        if (ticket.State.Ticket is not TicketInfo known)
        {
            return null;
        }

        TenantSla? sla = await GrainFactory.GetGrain<ISupportSettingsGrain>(ISupportSettingsGrain.Key).PolicyForAsync(known.TenantId, cancellationToken);
        return sla is null ? null : TicketSlaEvaluation.Evaluate(AsOfNow(known), sla, time.GetUtcNow());
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        await ticket.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    private (string TenantId, long Id) Key
    {
        get
        {
            (string tenantId, string localId) = TenantScopedKey.Parse(this.GetPrimaryKeyString());
            return (tenantId, long.Parse(localId, CultureInfo.InvariantCulture));
        }
    }

    private TicketInfo Require() =>
        ticket.State.Ticket ?? throw CarmenException.NotFound($"Tenant '{Key.TenantId}' has no ticket {Key.Id}.");

    /// <summary>A solved ticket past its reopen window reads as closed, closed at the window's end.</summary>
    private TicketInfo AsOfNow(TicketInfo known)
    {
        TicketStatus status = TicketLifecycle.Effective(known.Status, known.SolvedAt, time.GetUtcNow(), options.Value.ReopenWindow);
        return status == known.Status ? known : known with { Status = status, ClosedAt = known.SolvedAt + options.Value.ReopenWindow };
    }

    /// <summary>Saves the ticket, then its line in the directory (a lost line is rewritten by the ticket's next change).</summary>
    private async Task<TicketInfo> SaveAsync(TicketInfo changed, CancellationToken cancellationToken)
    {
        if (ticket.State.Ticket is TicketInfo before && before.Status != changed.Status)
        {
            changed = changed with { History = [.. changed.History, new TicketStatusChange(changed.Status, changed.UpdatedAt)] };
        }

        ticket.State.Ticket = changed;
        await ticket.WriteStateAsync(cancellationToken);
        await GrainFactory.GetGrain<ITicketDirectoryGrain>(changed.TenantId).RecordAsync(changed.Summary(), cancellationToken);
        return changed;
    }
}
