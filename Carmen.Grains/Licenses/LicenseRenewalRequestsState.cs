using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>The renewal requests kept, oldest first, and the last id handed out.</summary>
[GenerateSerializer, Alias("Carmen.LicenseRenewalRequestsState")]
public sealed class LicenseRenewalRequestsState
{
    [Id(0)]
    public List<LicenseRenewalRequest> Requests { get; set; } = [];

    [Id(1)]
    public long LastId { get; set; }
}
