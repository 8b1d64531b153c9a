namespace Carmen.Grains.Interfaces.Audit;

/// <summary>The kinds of <see cref="AuditActor"/>, as records and filters spell them.</summary>
public static class AuditActorKinds
{
    /// <summary>A person signed in to a tenant.</summary>
    public const string User = "user";

    /// <summary>A person signed in as a platform administrator.</summary>
    public const string PlatformAdmin = "platformAdmin";

    /// <summary>A tenant's service account, through one of its API keys.</summary>
    public const string ServiceAccount = "serviceAccount";

    /// <summary>A device speaking for itself (MQTT, DDI, the agent).</summary>
    public const string Device = "device";

    /// <summary>Carmen itself.</summary>
    public const string System = "system";
}
