namespace Carmen.Grains.Licenses;

/// <summary>Configuration section <c>Carmen:Licenses</c>.</summary>
public sealed class LicenseOptions
{
    public const string SectionName = "Carmen:Licenses";

    /// <summary>
    /// Public keys (base64 of the raw 32 bytes, or PEM) of issuers besides this platform whose licenses tenants may
    /// import; the platform's own license keys are always trusted.
    /// </summary>
    public List<string> TrustedKeys { get; set; } = [];

    /// <summary>The issuer's name written into the licenses this platform signs.</summary>
    public string IssuerName { get; set; } = "Carmen";

    /// <summary>
    /// Days before a license expires at which its tenant is warned, each stage once (then at expiry and at the end of
    /// grace). A tenant may add earlier stages with its setting <c>licenses.warningDays</c> ("90,60,...").
    /// </summary>
    public List<int> WarningDays { get; set; } = [60, 30, 7, 1];

    /// <summary>
    /// Use of a counted entitlement (devices, users) at or above this share of it warns once, again after it fell
    /// below; a tenant may lower it with its setting <c>licenses.usageWarningPercent</c>.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int UsageWarningPercent { get; set; } = 90;

    /// <summary>
    /// Whether every tenant needs a license: a tenant without one is then entitled to nothing (no device admitted, no
    /// user added, no licensed feature) until one is installed. Off by default: a tenant without licenses is bound only
    /// by its own limits.
    /// </summary>
    public bool Required { get; set; }

    /// <summary>How often licenses are checked for warnings.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// What happens to telemetry once a tenant's month of <c>telemetryPointsPerMonth</c> (overage included) is used:
    /// refused (the default; devices are told) or only warned about.
    /// </summary>
    public MeterAction MeterAction { get; set; } = MeterAction.Refuse;

    /// <summary>
    /// How often each silo reports the telemetry points it counted to the tenants' meters and learns whether they are
    /// used up: the most a meter can run past its allowance is what the tenant sends in this time.
    /// </summary>
    public TimeSpan MeterFlushInterval { get; set; } = TimeSpan.FromSeconds(10);
}
