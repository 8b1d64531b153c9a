using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>A device (or, for an application rollout, a tenant) of a rollout: its group, state, the action it was sent, attempts and why it failed.</summary>
public sealed record RolloutTargetResponse(string TargetId, int Group, MemberStatus Status, long? ActionId, int Attempts, string? Reason)
{
    public static RolloutTargetResponse From(RolloutMemberInfo member) =>
        new(member.TargetId, member.Group, member.Status, member.ActionId, member.Attempts, member.Reason);
}
