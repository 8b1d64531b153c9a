using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Alerts;

/// <summary>
/// What a rule is evaluated against, for one device at one moment: its latest value of each key (whatever message
/// brought it, so a condition may combine keys sent apart), whether it is offline and since when, and the event that
/// prompted the evaluation, if one did.
/// </summary>
public readonly record struct AlertFacts(
    IReadOnlyDictionary<string, TimestampedValue> Latest, DateTimeOffset Now, DateTimeOffset? OfflineSince = null, string? Event = null);
