using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Devices;

/// <summary>
/// A rollout's health gate on the device after an action finished: the first breach of the expression is kept, and
/// the verdict once the rollout concluded it (so a repeated conclusion answers the same).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.HealthWatch")]
public sealed record HealthWatch(
    [property: Id(0)] long ActionId,
    [property: Id(1)] RolloutLink Link,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string? Breach = null,
    [property: Id(4)] HealthVerdict? Verdict = null);
