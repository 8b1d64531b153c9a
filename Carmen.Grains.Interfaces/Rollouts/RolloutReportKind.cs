namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>What a target (device or tenant) tells its rollout batch about a rollout action.</summary>
public enum RolloutReportKind
{
    /// <summary>The action finished (installed).</summary>
    Finished,

    /// <summary>The action ended in error.</summary>
    Failed,

    /// <summary>The action was canceled (by an operator, or superseded).</summary>
    Canceled,

    /// <summary>Under the health gate, the device's telemetry broke the expression after it had succeeded.</summary>
    Regressed,
}
