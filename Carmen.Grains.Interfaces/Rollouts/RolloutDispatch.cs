using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>The device's answer to a rollout notification: the action it now has, and the set it ran before.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutDispatch")]
public sealed record RolloutDispatch(
    [property: Id(0)] RolloutDispatchOutcome Outcome,
    [property: Id(1)] long ActionId = 0,
    [property: Id(2)] ActionStatus? Status = null,
    [property: Id(3)] long? PreviousDistributionSetId = null,
    [property: Id(4)] string? Reason = null);
