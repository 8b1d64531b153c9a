namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>Where one group of a rollout is.</summary>
public enum RolloutGroupStatus
{
    /// <summary>Not started.</summary>
    Scheduled,

    /// <summary>Its devices are being notified or are working; its conditions are watched.</summary>
    Running,

    /// <summary>Its success condition is met; the next group waits for approval.</summary>
    WaitingForApproval,

    /// <summary>Its success condition is met (and approved when asked).</summary>
    Completed,

    /// <summary>Its error condition was met.</summary>
    Failed,

    /// <summary>The rollout ended before this group was done.</summary>
    Canceled,
}
