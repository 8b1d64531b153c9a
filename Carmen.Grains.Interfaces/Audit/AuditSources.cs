namespace Carmen.Grains.Interfaces.Audit;

/// <summary>Where records come from, as the trail and its filters name them.</summary>
public static class AuditSources
{
    /// <summary>A mutating call of the HTTP API.</summary>
    public const string Api = "api";

    /// <summary>A security event: sign-ins, lockouts, refused credentials.</summary>
    public const string Security = "security";

    /// <summary>A security-relevant device event.</summary>
    public const string Device = "device";

    /// <summary>Carmen's own housekeeping of the trail (retention).</summary>
    public const string System = "system";
}
