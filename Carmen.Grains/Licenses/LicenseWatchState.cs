namespace Carmen.Grains.Licenses;

/// <summary>The tenants holding licenses.</summary>
[GenerateSerializer, Alias("Carmen.LicenseWatchState")]
public sealed class LicenseWatchState
{
    [Id(0)]
    public HashSet<string> Tenants { get; set; } = [];
}
