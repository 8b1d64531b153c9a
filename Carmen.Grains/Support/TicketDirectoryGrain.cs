using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Support;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Support;

/// <summary>A tenant's tickets: ids handed out in order and a line per ticket, so a list is one call however many tickets there are.</summary>
[GrainType("ticket-directory")]
public sealed class TicketDirectoryGrain(
    [PersistentState("ticket-directory", StorageNames.Tenants)] IPersistentState<TicketDirectoryState> directory,
    TimeProvider time,
    IOptions<SupportOptions> options) : Grain, ITicketDirectoryGrain
{
    public async Task<long> ReserveAsync(CancellationToken cancellationToken)
    {
        long id = ++directory.State.LastId;
        await directory.WriteStateAsync(cancellationToken);
        return id;
    }

    public async Task RecordAsync(TicketSummary summary, CancellationToken cancellationToken)
    {
        directory.State.Tickets[summary.Id] = summary;
        await directory.WriteStateAsync(cancellationToken);
    }

    public Task<IReadOnlyList<TicketSummary>> ListAsync(TicketStatus? status, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<TicketSummary> tickets =
        [
            .. directory.State.Tickets.Values
                .Select(ticket => ticket with { Status = TicketLifecycle.Effective(ticket.Status, ticket.SolvedAt, now, options.Value.ReopenWindow) })
                .Where(ticket => status is null || ticket.Status == status)
                .OrderByDescending(ticket => ticket.UpdatedAt).ThenByDescending(ticket => ticket.Id),
        ];
        return Task.FromResult(tickets);
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        string tenantId = this.GetPrimaryKeyString();
        await Task.WhenAll(directory.State.Tickets.Keys.Select(id => GrainFactory.GetGrain<ITicketGrain>(TicketKeys.Of(tenantId, id)).EraseAsync(cancellationToken)));
        await directory.ClearStateAsync(cancellationToken);
    }
}
