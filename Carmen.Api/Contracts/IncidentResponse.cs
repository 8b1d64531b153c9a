using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Api.Contracts;

/// <summary>An incident: its actions, progress over its devices, the clusters it touched, and its timeline.</summary>
public sealed record IncidentResponse(
    long Id,
    string Title,
    IncidentStatus Status,
    IReadOnlyList<IncidentAction> Actions,
    AuditActorResponse OpenedBy,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ContainedAt,
    DateTimeOffset? ReleasedAt,
    IncidentProgressResponse Progress,
    IReadOnlyList<string> ClusterIds,
    IReadOnlyList<IncidentEventResponse> Timeline)
{
    public static IncidentResponse From(IncidentInfo incident) => new(
        incident.Id, incident.Title, incident.Status, incident.Actions,
        new AuditActorResponse(incident.OpenedBy.Kind, incident.OpenedBy.Name, incident.OpenedBy.KeyId),
        incident.OpenedAt, incident.ContainedAt, incident.ReleasedAt,
        new IncidentProgressResponse(incident.Progress.Total, incident.Progress.Pending, incident.Progress.Contained, incident.Progress.Failed, incident.Progress.Released),
        incident.ClusterIds,
        [.. incident.Timeline.Select(entry => new IncidentEventResponse(entry.At, new AuditActorResponse(entry.Actor.Kind, entry.Actor.Name, entry.Actor.KeyId), entry.Event, entry.Detail))]);
}
