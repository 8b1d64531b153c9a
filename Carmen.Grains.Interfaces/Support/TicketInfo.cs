using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Interfaces.Support;

/// <summary>
/// A ticket with its conversation. <see cref="FirstResponseAt"/>: the first public reply from the support side;
/// <see cref="History"/>: every status it entered, from new on.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TicketInfo")]
public sealed record TicketInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] long Id,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Description,
    [property: Id(4)] TicketPriority Priority,
    [property: Id(5)] string? Category,
    [property: Id(6)] TicketStatus Status,
    [property: Id(7)] AuditActor Requester,
    [property: Id(8)] IReadOnlyList<TicketDevice> Devices,
    [property: Id(9)] IReadOnlyList<TicketReply> Replies,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt,
    [property: Id(12)] DateTimeOffset? FirstResponseAt,
    [property: Id(13)] DateTimeOffset? SolvedAt,
    [property: Id(14)] DateTimeOffset? ClosedAt,
    [property: Id(15)] int ReopenCount,
    [property: Id(16)] IReadOnlyList<TicketStatusChange> History)
{
    /// <summary>The clusters of the devices it is about: who reads tickets there sees it.</summary>
    public IReadOnlyList<string> ClusterIds => [.. Devices.Select(device => device.ClusterId).Distinct(StringComparer.Ordinal)];

    /// <summary>The ticket as a line of the tenant's list.</summary>
    public TicketSummary Summary() =>
        new(TenantId, Id, Subject, Priority, Category, Status, Requester, ClusterIds, CreatedAt, UpdatedAt, SolvedAt);
}
