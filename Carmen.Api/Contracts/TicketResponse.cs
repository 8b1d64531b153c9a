using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>A support ticket with its conversation and its SLA (null without a policy); internal notes only when the caller is on the support side.</summary>
public sealed record TicketResponse(
    string TenantId,
    long Id,
    string Subject,
    string Description,
    TicketPriority Priority,
    string? Category,
    TicketStatus Status,
    AuditActorResponse Requester,
    IReadOnlyList<TicketDeviceResponse> Devices,
    IReadOnlyList<TicketReplyResponse> Replies,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? SolvedAt,
    DateTimeOffset? ClosedAt,
    int ReopenCount,
    TicketSlaResponse? Sla)
{
    public static TicketResponse From(TicketInfo ticket, TicketSla? sla, bool withInternalNotes) => new(
        ticket.TenantId, ticket.Id, ticket.Subject, ticket.Description, ticket.Priority, ticket.Category, ticket.Status,
        new AuditActorResponse(ticket.Requester.Kind, ticket.Requester.Name, ticket.Requester.KeyId),
        [.. ticket.Devices.Select(TicketDeviceResponse.From)],
        [.. ticket.Replies.Where(reply => withInternalNotes || !reply.Internal).Select(TicketReplyResponse.From)],
        ticket.CreatedAt, ticket.UpdatedAt, ticket.FirstResponseAt, ticket.SolvedAt, ticket.ClosedAt, ticket.ReopenCount,
        TicketSlaResponse.From(sla));
}
