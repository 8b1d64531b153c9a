namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>Where a rollout is in its lifecycle.</summary>
public enum RolloutStatus
{
    /// <summary>Selecting its devices and forming the groups.</summary>
    Creating,

    /// <summary>Formed; waits for an approver before it may start.</summary>
    WaitingForApproval,

    /// <summary>Formed (and approved when needed); waits to be started.</summary>
    Ready,

    /// <summary>Notifying devices group by group.</summary>
    Running,

    /// <summary>Stopped by an operator or by an error condition; resumes on request.</summary>
    Paused,

    /// <summary>Every group met its success condition.</summary>
    Finished,

    /// <summary>Canceled by an operator; what had not finished was canceled.</summary>
    Canceled,

    /// <summary>An error condition rolled the devices back to their previous distribution set.</summary>
    RolledBack,

    /// <summary>The approver refused it.</summary>
    Denied,
}
