using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Audit;

/// <summary>The query string of an audit search.</summary>
public sealed record AuditFilter(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Actor,
    string? Action,
    string? TargetType,
    string? TargetId,
    string? Source,
    long? Before,
    int? Limit)
{
    public AuditQuery ToQuery() => Limit is < 1 or > 1000
        ? throw CarmenException.Invalid("limit", "limit is between 1 and 1000.")
        : new AuditQuery(From, To, Actor, Action, TargetType, TargetId, Source, Before, Limit ?? 100);
}
