namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>How serious an alert is, most serious first (ThingsBoard's scale).</summary>
public enum AlertSeverity
{
    /// <summary>Service is down or about to be.</summary>
    Critical,

    /// <summary>Service is badly degraded.</summary>
    Major,

    /// <summary>Service is degraded.</summary>
    Minor,

    /// <summary>Something may go wrong if left alone.</summary>
    Warning,

    /// <summary>Seriousness not known.</summary>
    Indeterminate,
}
