using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>A reply on a ticket; <see cref="ByAgent"/>: from the support side.</summary>
public sealed record TicketReplyResponse(int Id, AuditActorResponse Author, bool ByAgent, string Body, bool Internal, DateTimeOffset At)
{
    public static TicketReplyResponse From(TicketReply reply) =>
        new(reply.Id, new AuditActorResponse(reply.Author.Kind, reply.Author.Name, reply.Author.KeyId), reply.ByAgent, reply.Body, reply.Internal, reply.At);
}
