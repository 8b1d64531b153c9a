using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Alerts;

[GenerateSerializer, Alias("Carmen.AlertGrainState")]
public sealed class AlertGrainState
{
    [Id(0)] public AlertRaised? Raised { get; set; }
    [Id(1)] public int Occurrences { get; set; }
    [Id(2)] public DateTimeOffset LastOccurredAt { get; set; }

    /// <summary>The values at the latest occurrence; <see cref="AlertRaised.Details"/> keeps those of the first.</summary>
    [Id(3)] public Dictionary<string, TimestampedValue> LatestDetails { get; set; } = [];
    [Id(4)] public DateTimeOffset? AcknowledgedAt { get; set; }
    [Id(5)] public string? AcknowledgedBy { get; set; }
    [Id(6)] public DateTimeOffset? ClearedAt { get; set; }
    [Id(7)] public string? ClearedBy { get; set; }
    [Id(8)] public string? Assignee { get; set; }
    [Id(9)] public DateTimeOffset? AssignedAt { get; set; }
    [Id(10)] public string? AssignedBy { get; set; }
    [Id(11)] public List<AlertComment> Comments { get; set; } = [];
    [Id(12)] public List<long> TeamIds { get; set; } = [];

    public AlertState Lifecycle => (ClearedAt is null, AcknowledgedAt is null) switch
    {
        (true, true) => AlertState.ActiveUnacknowledged,
        (true, false) => AlertState.ActiveAcknowledged,
        (false, true) => AlertState.ClearedUnacknowledged,
        (false, false) => AlertState.ClearedAcknowledged,
    };
}
