namespace Carmen.Grains.Rollouts;

/// <summary>Work a batch still owes one device after the rollout was canceled or rolled back.</summary>
public enum MemberChore
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Ask the device to cancel its action.</summary>
    Withdraw,

    /// <summary>Put the device back on its previous distribution set.</summary>
    Rollback,
}
