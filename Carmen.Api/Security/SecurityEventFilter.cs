using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Security;

/// <summary>The query string of a security event search; <see cref="Type"/> is an event type or an API action.</summary>
public sealed record SecurityEventFilter(
    string? Type,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Actor,
    string? Address,
    long? Before,
    int? Limit)
{
    public AuditQuery ToQuery() => Limit is < 1 or > 1000
        ? throw CarmenException.Invalid("limit", "limit is between 1 and 1000.")
        : new AuditQuery(From, To, Actor, Type, BeforeId: Before, Limit: Limit ?? 100, SecurityOnly: true, Address: Address);
}
