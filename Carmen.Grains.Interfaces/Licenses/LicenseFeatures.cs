namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>The features a license may name; a licensed tenant uses only those its licenses grant.</summary>
public static class LicenseFeatures
{
    /// <summary>Software updates: distribution sets, assignments and rollouts.</summary>
    public const string Ota = "ota";

    /// <summary>Rollouts that pause on a health gate.</summary>
    public const string RolloutsHealthGate = "rolloutsHealthGate";

    /// <summary>Sign-in through the tenant's own identity providers.</summary>
    public const string Sso = "sso";

    /// <summary>The tenant's device CA and device certificates.</summary>
    public const string Pki = "pki";

    /// <summary>Report templates and scheduled reports.</summary>
    public const string Reports = "reports";

    /// <summary>Outbound data flows and registry synchronisation.</summary>
    public const string Integrations = "integrations";

    /// <summary>Every feature name a license may carry.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Ota, RolloutsHealthGate, Sso, Pki, Reports, Integrations };
}
