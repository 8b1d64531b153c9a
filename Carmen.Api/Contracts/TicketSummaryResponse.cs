using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>A ticket as a line of a list.</summary>
public sealed record TicketSummaryResponse(
    string TenantId,
    long Id,
    string Subject,
    TicketPriority Priority,
    string? Category,
    TicketStatus Status,
    AuditActorResponse Requester,
    IReadOnlyList<string> ClusterIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TicketSummaryResponse From(TicketSummary ticket) => new(
        ticket.TenantId, ticket.Id, ticket.Subject, ticket.Priority, ticket.Category, ticket.Status,
        new AuditActorResponse(ticket.Requester.Kind, ticket.Requester.Name, ticket.Requester.KeyId),
        ticket.ClusterIds, ticket.CreatedAt, ticket.UpdatedAt);
}
