namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// An alert as listings show it: everything but its details and comments, read from the query index; <see cref="TeamIds"/>
/// are the teams whose territory held the device.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertSummary")]
public sealed record AlertSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] string ClusterId,
    [property: Id(3)] long RuleId,
    [property: Id(4)] string RuleName,
    [property: Id(5)] AlertSeverity Severity,
    [property: Id(6)] AlertState State,
    [property: Id(7)] DateTimeOffset RaisedAt,
    [property: Id(8)] DateTimeOffset LastOccurredAt,
    [property: Id(9)] int Occurrences,
    [property: Id(10)] DateTimeOffset? AcknowledgedAt,
    [property: Id(11)] DateTimeOffset? ClearedAt,
    [property: Id(12)] string? Assignee,
    [property: Id(13)] IReadOnlyList<long>? TeamIds = null);
