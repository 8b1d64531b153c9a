namespace Carmen.Grains.Licenses;

/// <summary>The ids of the licenses a tenant holds, in the order they were installed.</summary>
[GenerateSerializer, Alias("Carmen.TenantLicensesState")]
public sealed class TenantLicensesState
{
    [Id(0)]
    public List<string> LicenseIds { get; set; } = [];
}
