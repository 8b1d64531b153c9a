namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// Ties an update action to the rollout batch that created it, so the device reports the outcome there; carries the
/// rollout's priority (for overlapping rollouts) and health gate (watched by the device).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutLink")]
public sealed record RolloutLink(
    [property: Id(0)] long RolloutId,
    [property: Id(1)] int Batch,
    [property: Id(2)] int Priority,
    [property: Id(3)] HealthGate? HealthGate = null);
