using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>The rollout that sent an action: its id, the group (batch), its priority, and the health gate the device must pass.</summary>
public sealed record ActionRolloutResponse(long RolloutId, int Batch, int Priority, HealthGateContract? HealthGate)
{
    public static ActionRolloutResponse? From(RolloutLink? link) => link is null
        ? null
        : new(link.RolloutId, link.Batch, link.Priority, HealthGateContract.From(link.HealthGate));
}
