namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>Where one device of a rollout is.</summary>
public enum MemberStatus
{
    /// <summary>Not notified yet.</summary>
    Scheduled,

    /// <summary>Notified; its action is under way.</summary>
    Running,

    /// <summary>Reported success; its health gate window is open.</summary>
    Verifying,

    /// <summary>Installed (and healthy, under a health gate).</summary>
    Succeeded,

    /// <summary>Reported failure, timed out past its retries, or regressed under the health gate.</summary>
    Failed,

    /// <summary>Its action was canceled, or it was never notified because the rollout ended.</summary>
    Canceled,

    /// <summary>Not notified: another rollout or a manual assignment holds it, or it cannot take the set.</summary>
    Skipped,

    /// <summary>Being put back on its previous distribution set.</summary>
    RollingBack,

    /// <summary>Back on its previous distribution set.</summary>
    RolledBack,
}
