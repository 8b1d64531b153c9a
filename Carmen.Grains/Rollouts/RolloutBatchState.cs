using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

[GenerateSerializer, Alias("Carmen.RolloutBatchState")]
public sealed class RolloutBatchState
{
    [Id(0)] public BatchPlan? Plan { get; set; }

    /// <summary>The batch's devices in notification order.</summary>
    [Id(1)] public List<RolloutMember> Members { get; set; } = [];

    [Id(2)] public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>Set once the rollout was canceled or rolled back: nothing more is notified or retried.</summary>
    [Id(3)] public bool Closed { get; set; }

    /// <summary>Set while posts of this batch may sit in devices' inboxes; a closed batch recalls them.</summary>
    [Id(4)] public bool Posted { get; set; }
}
