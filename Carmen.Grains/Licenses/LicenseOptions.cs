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
}
