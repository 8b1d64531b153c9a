namespace Carmen.Grains.Interfaces.Escalation;

/// <summary>
/// Whom to notify once an alert has been unacknowledged for <see cref="DelayMinutes"/> since it was raised: the channels
/// named, and those of the teams named whose territory holds the device.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.EscalationLevel")]
public sealed record EscalationLevel(
    [property: Id(0)] int DelayMinutes,
    [property: Id(1)] IReadOnlyList<long> ChannelIds,
    [property: Id(2)] IReadOnlyList<long> TeamIds);
