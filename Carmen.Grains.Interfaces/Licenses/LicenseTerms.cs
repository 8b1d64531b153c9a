using System.Text.Json.Serialization;

namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// The signed content of a license: who holds it, what it grants and for how long. docs/licenses.md gives its JSON.
/// </summary>
/// <param name="Id">The license's id, unique on the issuing platform.</param>
/// <param name="TenantId">The tenant it is issued to.</param>
/// <param name="Plan">The plan's name, for people ("Enterprise", "OTA add-on").</param>
/// <param name="Entitlements">What it grants.</param>
/// <param name="ValidFrom">The first moment it is in force.</param>
/// <param name="ValidUntil">The moment it expires; its grace period starts then.</param>
/// <param name="GraceDays">Days after expiry during which it still grants everything.</param>
/// <param name="OveragePercent">How far above its device and user counts admissions may go (0 to 100), with warnings.</param>
/// <param name="ExpirationStrategy">What happens after the grace period.</param>
/// <param name="IssuedAt">When it was signed.</param>
/// <param name="Issuer">Who signed it (the platform's name).</param>
/// <param name="Renews">The license this one renews: that one stops granting when this one starts, so the two never add up.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseTerms")]
public sealed record LicenseTerms(
    [property: Id(0)] string Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Plan,
    [property: Id(3)] LicenseEntitlements Entitlements,
    [property: Id(4)] DateTimeOffset ValidFrom,
    [property: Id(5)] DateTimeOffset ValidUntil,
    [property: Id(6)] int GraceDays,
    [property: Id(7)] int OveragePercent,
    [property: Id(8)] ExpirationStrategy ExpirationStrategy,
    [property: Id(9)] DateTimeOffset IssuedAt,
    [property: Id(10)] string Issuer,
    [property: Id(11)] string? Renews = null)
{
    /// <summary>The end of the grace period.</summary>
    [JsonIgnore]
    public DateTimeOffset GraceUntil => ValidUntil.AddDays(GraceDays);

    /// <summary>Where the license stands at <paramref name="now"/>.</summary>
    public LicensePhase PhaseAt(DateTimeOffset now) =>
        now < ValidFrom ? LicensePhase.NotYetValid
        : now < ValidUntil ? LicensePhase.Valid
        : now < GraceUntil ? LicensePhase.Grace
        : LicensePhase.Expired;

    /// <summary>Whether it grants its entitlements at <paramref name="now"/>: valid, in grace, or expired under "maintain".</summary>
    public bool GrantsAt(DateTimeOffset now) => PhaseAt(now) switch
    {
        LicensePhase.Valid or LicensePhase.Grace => true,
        LicensePhase.Expired => ExpirationStrategy == ExpirationStrategy.Maintain,
        _ => false,
    };
}
