namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>What became of notifying one device.</summary>
public enum RolloutDispatchOutcome
{
    /// <summary>The device has the action (new, or the same rollout's action from an earlier attempt).</summary>
    Assigned,

    /// <summary>The device already runs the distribution set.</summary>
    AlreadyInstalled,

    /// <summary>A manual assignment or a rollout of equal or higher priority holds the device.</summary>
    Busy,

    /// <summary>The device cannot take the set (device type), or is not in service (unknown, quarantined, decommissioned).</summary>
    Unavailable,
}
