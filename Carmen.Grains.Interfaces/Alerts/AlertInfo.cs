using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// One alert: one occurrence of a rule on a device, from raise to clear. A later occurrence after the clear is a new
/// alert. "By" fields name the user, or <see cref="RuleActor"/> when the rule itself cleared it. <see cref="TeamIds"/> are
/// the teams whose territory held the device when it was raised.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertInfo")]
public sealed record AlertInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] AlertState State,
    [property: Id(2)] AlertRaised Raised,
    [property: Id(3)] int Occurrences,
    [property: Id(4)] DateTimeOffset LastOccurredAt,
    [property: Id(5)] IReadOnlyDictionary<string, TimestampedValue> LatestDetails,
    [property: Id(6)] DateTimeOffset? AcknowledgedAt,
    [property: Id(7)] string? AcknowledgedBy,
    [property: Id(8)] DateTimeOffset? ClearedAt,
    [property: Id(9)] string? ClearedBy,
    [property: Id(10)] string? Assignee,
    [property: Id(11)] DateTimeOffset? AssignedAt,
    [property: Id(12)] string? AssignedBy,
    [property: Id(13)] IReadOnlyList<AlertComment> Comments,
    [property: Id(14)] IReadOnlyList<long> TeamIds)
{
    /// <summary>Who cleared an alert whose clear condition held (or whose condition stopped holding).</summary>
    public const string RuleActor = "rule";

    /// <summary>Whether the alert still holds.</summary>
    public bool IsActive => State is AlertState.ActiveUnacknowledged or AlertState.ActiveAcknowledged;
}
