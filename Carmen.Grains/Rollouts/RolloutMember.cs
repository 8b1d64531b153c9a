using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

/// <summary>One target (device or tenant) of a rollout batch: where it is, its current action, and when the batch must look at it next.</summary>
[GenerateSerializer, Alias("Carmen.RolloutMember")]
public sealed class RolloutMember
{
    [Id(0)] public string TargetId { get; set; } = "";
    [Id(1)] public MemberStatus Status { get; set; }

    /// <summary>The device's action for this rollout (0 before it is notified).</summary>
    [Id(2)] public long ActionId { get; set; }

    /// <summary>Notifications made so far (a failure is retried while this is within the plan's retries).</summary>
    [Id(3)] public int Attempts { get; set; }

    /// <summary>When the current action was created; its in-progress timeout counts from here.</summary>
    [Id(4)] public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When to check the device next: action status, timeout, or the end of its health window.</summary>
    [Id(5)] public DateTimeOffset? DueAt { get; set; }

    /// <summary>The set the device ran before this rollout's action, which a rollback restores.</summary>
    [Id(6)] public long? PreviousDistributionSetId { get; set; }

    /// <summary>Why it failed or was skipped.</summary>
    [Id(7)] public string? Reason { get; set; }

    /// <summary>Work the batch still owes the device after a cancel or rollback.</summary>
    [Id(8)] public MemberChore Chore { get; set; }
}
