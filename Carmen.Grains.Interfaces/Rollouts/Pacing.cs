namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// How fast devices are notified: at most <see cref="MaxPerMinute"/>; with a ramp, the first minute allows
/// <see cref="RampStartPerMinute"/> and each following minute <see cref="RampFactor"/> times the one before, up to the maximum.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.Pacing")]
public sealed record Pacing(
    [property: Id(0)] int MaxPerMinute,
    [property: Id(1)] int? RampStartPerMinute = null,
    [property: Id(2)] double RampFactor = 2);
