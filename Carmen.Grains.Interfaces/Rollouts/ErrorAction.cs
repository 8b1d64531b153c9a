namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>What a rollout does when a group's error condition is met.</summary>
public enum ErrorAction
{
    /// <summary>Stop dispatching until an operator resumes (actions under way continue).</summary>
    Pause,

    /// <summary>Cancel what is left and put updated and failed devices back on their previous distribution set.</summary>
    Rollback,
}
