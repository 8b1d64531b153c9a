using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// A rule's condition has held on a device: what the new alert records about where, why and when. <see cref="Details"/>
/// are the device's latest values of the keys the rule reads, as they were at that moment; <see cref="EscalationPathId"/>
/// is the rule's, as it was then. A tenant-level alert (a rollout paused by its error condition) has an empty
/// <see cref="DeviceId"/> and <see cref="ClusterId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertRaised")]
public sealed record AlertRaised(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string ClusterId,
    [property: Id(2)] long RuleId,
    [property: Id(3)] string RuleName,
    [property: Id(4)] AlertSeverity Severity,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] IReadOnlyDictionary<string, TimestampedValue> Details,
    [property: Id(7)] string? Event = null,
    [property: Id(8)] long? EscalationPathId = null)
{
    /// <summary>Whether the alert is about the tenant (a rollout, say) rather than one device.</summary>
    public bool IsTenantLevel => DeviceId.Length == 0;
}
