using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>The ids of the licenses a tenant holds, in the order they were installed.</summary>
[GenerateSerializer, Alias("Carmen.TenantLicensesState")]
public sealed class TenantLicensesState
{
    [Id(0)]
    public List<string> LicenseIds { get; set; } = [];

    /// <summary>Warning stages already announced, by license id (or <c>usage</c> for entitlements nearly used).</summary>
    [Id(1)]
    public Dictionary<string, HashSet<string>> AnnouncedWarnings { get; set; } = [];

    /// <summary>A snapshot per day, oldest first, kept <see cref="TenantLicensesGrain.UsageDaysKept"/> days.</summary>
    [Id(2)]
    public List<LicenseUsageDay> UsageHistory { get; set; } = [];
}
