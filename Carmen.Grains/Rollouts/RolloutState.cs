using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Rollouts;

[GenerateSerializer, Alias("Carmen.RolloutState")]
public sealed class RolloutState
{
    [Id(0)] public RolloutSpec? Spec { get; set; }

    /// <summary>The distribution set resolved when the rollout was created; every device gets this same copy.</summary>
    [Id(1)] public Deployment? Deployment { get; set; }

    [Id(2)] public RolloutStatus Status { get; set; }
    [Id(3)] public string? StatusReason { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public string CreatedBy { get; set; } = "";
    [Id(6)] public DateTimeOffset? StartedAt { get; set; }
    [Id(7)] public DateTimeOffset? EndedAt { get; set; }
    [Id(8)] public string? ApprovedBy { get; set; }
    [Id(9)] public List<RolloutGroupState> Groups { get; set; } = [];
    [Id(10)] public DispatchPacer Pacer { get; set; } = new();

    /// <summary>Targets no group took (the groups' sizes add up to less than the filter matched).</summary>
    [Id(11)] public int Unassigned { get; set; }
}
