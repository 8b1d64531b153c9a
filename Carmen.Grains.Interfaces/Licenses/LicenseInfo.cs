namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>A license a tenant holds.</summary>
/// <param name="Terms">What it grants and for how long.</param>
/// <param name="KeyId">The key that signed it.</param>
/// <param name="Phase">Where it stands now.</param>
/// <param name="InstalledAt">When the tenant received it.</param>
/// <param name="History">Its changes, oldest first.</param>
/// <param name="RenewedBy">The license that renews it, if one does.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseInfo")]
public sealed record LicenseInfo(
    [property: Id(0)] LicenseTerms Terms,
    [property: Id(1)] string KeyId,
    [property: Id(2)] LicensePhase Phase,
    [property: Id(3)] DateTimeOffset InstalledAt,
    [property: Id(4)] IReadOnlyList<LicenseEvent> History,
    [property: Id(5)] string? RenewedBy = null);
