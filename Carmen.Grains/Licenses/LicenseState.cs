using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>One installed license: the document as signed, its terms as verified, and its history.</summary>
[GenerateSerializer, Alias("Carmen.LicenseState")]
public sealed class LicenseState
{
    [Id(0)]
    public SignedLicense? Document { get; set; }

    [Id(1)]
    public LicenseTerms? Terms { get; set; }

    [Id(2)]
    public DateTimeOffset InstalledAt { get; set; }

    [Id(3)]
    public List<LicenseEvent> History { get; set; } = [];

    [Id(4)]
    public string? RenewedBy { get; set; }
}
