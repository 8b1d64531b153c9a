using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>
/// An incident as operators see it: its actions, progress over its devices, the clusters it touched, and its timeline;
/// <see cref="AllowedClusterIds"/> are the clusters its opener could act on (null: all).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.IncidentInfo")]
public sealed record IncidentInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] long Id,
    [property: Id(2)] string Title,
    [property: Id(3)] IncidentStatus Status,
    [property: Id(4)] IReadOnlyList<IncidentAction> Actions,
    [property: Id(5)] AuditActor OpenedBy,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] DateTimeOffset? ContainedAt,
    [property: Id(8)] DateTimeOffset? ReleasedAt,
    [property: Id(9)] IncidentProgress Progress,
    [property: Id(10)] IReadOnlyList<string> ClusterIds,
    [property: Id(11)] IReadOnlyList<IncidentEvent> Timeline,
    [property: Id(12)] IReadOnlyList<string>? AllowedClusterIds);
