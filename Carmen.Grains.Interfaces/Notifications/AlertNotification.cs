using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>
/// What a channel tells about an alert: the alert as raised, and which escalation <see cref="Level"/> (from 0) sent it;
/// <see cref="Repeat"/> counts re-notifications at that level (0 for the first).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertNotification")]
public sealed record AlertNotification(
    [property: Id(0)] string AlertId,
    [property: Id(1)] AlertRaised Alert,
    [property: Id(2)] string PathName,
    [property: Id(3)] int Level,
    [property: Id(4)] int Repeat,
    [property: Id(5)] IReadOnlyList<string> TeamNames)
{
    /// <summary>The values that raised the alert.</summary>
    public IReadOnlyDictionary<string, TimestampedValue> Details => Alert.Details;
}
