using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Support;

/// <summary>A tenant's tickets (keyed by tenant id): ids handed out in order, and a line per ticket for lists; erased with the tenant.</summary>
[Alias("Carmen.ITicketDirectoryGrain")]
public interface ITicketDirectoryGrain : ITenantRecordGrain
{
    /// <summary>The next ticket id.</summary>
    [Alias("Reserve")]
    Task<long> ReserveAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps the ticket's line as its grain last saved it.</summary>
    [Alias("Record")]
    Task RecordAsync(TicketSummary summary, CancellationToken cancellationToken = default);

    /// <summary>The tenant's tickets, most recently changed first, in <paramref name="status"/> when given (as the reopen window makes it now).</summary>
    [Alias("List")]
    Task<IReadOnlyList<TicketSummary>> ListAsync(TicketStatus? status = null, CancellationToken cancellationToken = default);
}
