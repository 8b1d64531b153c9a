using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Api.Contracts;

/// <summary>An alert in a list: where, which rule, how bad, its state and when it was raised, last seen, acknowledged and cleared.</summary>
public sealed record AlertSummaryResponse(
    string Id,
    string DeviceId,
    string ClusterId,
    long RuleId,
    string RuleName,
    AlertSeverity Severity,
    AlertState State,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastOccurredAt,
    int Occurrences,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClearedAt,
    string? Assignee,
    IReadOnlyList<long> TeamIds)
{
    public static AlertSummaryResponse From(AlertSummary alert) => new(
        alert.Id, alert.DeviceId, alert.ClusterId, alert.RuleId, alert.RuleName, alert.Severity, alert.State, alert.RaisedAt,
        alert.LastOccurredAt, alert.Occurrences, alert.AcknowledgedAt, alert.ClearedAt, alert.Assignee, alert.TeamIds ?? []);
}
