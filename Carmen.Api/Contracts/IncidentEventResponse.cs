namespace Carmen.Api.Contracts;

/// <summary>One entry of an incident's timeline (opened, contained, releasing, released).</summary>
public sealed record IncidentEventResponse(DateTimeOffset At, AuditActorResponse Actor, string Event, string Detail);
