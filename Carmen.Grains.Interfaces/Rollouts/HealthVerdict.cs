namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>How a device came through its health gate window.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.HealthVerdict")]
public sealed record HealthVerdict(
    [property: Id(0)] bool Healthy,
    [property: Id(1)] string? Reason = null);
