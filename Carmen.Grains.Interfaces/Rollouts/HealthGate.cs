namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// A device counts as succeeded only when, for <see cref="Window"/> after it reported success, its telemetry keeps
/// <see cref="Expression"/> true (for example <c>cpu &lt; 90 and temp &lt; 80</c>) and, when asked, it keeps sending
/// (seen in the second half of the window). A breach counts as a failure.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.HealthGate")]
public sealed record HealthGate(
    [property: Id(0)] string Expression,
    [property: Id(1)] TimeSpan Window,
    [property: Id(2)] bool RequireHeartbeat = false);
