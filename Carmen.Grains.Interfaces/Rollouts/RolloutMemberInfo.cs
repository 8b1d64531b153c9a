namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>One target (device or tenant) of a rollout: its group, state, current action, notifications made, and why it failed or was skipped.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutMemberInfo")]
public sealed record RolloutMemberInfo(
    [property: Id(0)] string TargetId,
    [property: Id(1)] int Group,
    [property: Id(2)] MemberStatus Status,
    [property: Id(3)] long? ActionId,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string? Reason);
