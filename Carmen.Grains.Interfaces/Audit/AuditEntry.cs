namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// What happened, as its recorder saw it; the trail gives it its number, time and place in the chain.
/// <see cref="Source"/> is one of <see cref="AuditSources"/>; <see cref="Outcome"/> the HTTP status or 0 where none applies.
/// A security event's <see cref="Action"/> is its type (<see cref="SecurityEventTypes"/>) and its <see cref="Changes"/> its details.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] string Source,
    [property: Id(1)] AuditActor Actor,
    [property: Id(2)] string Action,
    [property: Id(3)] string TargetType,
    [property: Id(4)] string TargetId,
    [property: Id(5)] string Scope,
    [property: Id(6)] int Outcome,
    [property: Id(7)] IReadOnlyList<AuditChange> Changes,
    [property: Id(8)] string? RequestId = null,
    [property: Id(9)] string? Address = null,
    [property: Id(10)] string? UserAgent = null);
