using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Interfaces.Support;

/// <summary>A ticket as a line of a list, kept by the tenant's ticket directory.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TicketSummary")]
public sealed record TicketSummary(
    [property: Id(0)] string TenantId,
    [property: Id(1)] long Id,
    [property: Id(2)] string Subject,
    [property: Id(3)] TicketPriority Priority,
    [property: Id(4)] string? Category,
    [property: Id(5)] TicketStatus Status,
    [property: Id(6)] AuditActor Requester,
    [property: Id(7)] IReadOnlyList<string> ClusterIds,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] DateTimeOffset? SolvedAt);
