using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Api.Contracts;

/// <summary>
/// One alert in full: where and why it was raised, its lifecycle with who did what and when, and its comments.
/// <c>details</c> are the values that raised it; <c>latestDetails</c> those of its latest occurrence; <c>teamIds</c> the
/// teams whose territory held the device. A tenant-level alert (a rollout paused) has an empty
/// <c>deviceId</c> and <c>clusterId</c>.
/// </summary>
public sealed record AlertResponse(
    string Id,
    AlertState State,
    AlertSeverity Severity,
    string DeviceId,
    string ClusterId,
    long RuleId,
    string RuleName,
    string? Event,
    DateTimeOffset RaisedAt,
    int Occurrences,
    DateTimeOffset LastOccurredAt,
    Dictionary<string, LatestTelemetryValue> Details,
    Dictionary<string, LatestTelemetryValue> LatestDetails,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ClearedAt,
    string? ClearedBy,
    string? Assignee,
    DateTimeOffset? AssignedAt,
    string? AssignedBy,
    IReadOnlyList<AlertCommentResponse> Comments,
    IReadOnlyList<long> TeamIds)
{
    public static AlertResponse From(AlertInfo alert)
    {
        AlertRaised raised = alert.Raised;
        return new AlertResponse(
            alert.Id, alert.State, raised.Severity, raised.DeviceId, raised.ClusterId, raised.RuleId, raised.RuleName, raised.Event,
            raised.At, alert.Occurrences, alert.LastOccurredAt, LatestTelemetryValue.From(raised.Details), LatestTelemetryValue.From(alert.LatestDetails),
            alert.AcknowledgedAt, alert.AcknowledgedBy, alert.ClearedAt, alert.ClearedBy, alert.Assignee, alert.AssignedAt, alert.AssignedBy,
            [.. alert.Comments.Select(AlertCommentResponse.From)], alert.TeamIds);
    }
}
