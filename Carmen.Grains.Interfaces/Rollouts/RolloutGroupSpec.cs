namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// One stage of a rollout: <see cref="Count"/> devices, or <see cref="Percentage"/> of the rollout's targets (of those
/// passing <see cref="Filter"/> when given), taken in the rollout's random order from the devices no earlier group took.
/// Its own conditions replace the rollout's.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutGroupSpec")]
public sealed record RolloutGroupSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] double? Percentage = null,
    [property: Id(2)] int? Count = null,
    [property: Id(3)] TargetFilter? Filter = null,
    [property: Id(4)] SuccessCondition? Success = null,
    [property: Id(5)] ErrorCondition? Error = null);
