using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>
/// A license a tenant holds, where it stands now (notYetValid, valid, grace, expired), its history, and the renewals
/// on either side (a renewed license stops granting when its renewal starts).
/// </summary>
public sealed record LicenseResponse(
    string Id,
    string TenantId,
    string Plan,
    LicenseEntitlementsContract Entitlements,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    int GraceDays,
    DateTimeOffset GraceUntil,
    int OveragePercent,
    ExpirationStrategy ExpirationStrategy,
    LicensePhase Status,
    string Issuer,
    DateTimeOffset IssuedAt,
    string KeyId,
    DateTimeOffset InstalledAt,
    IReadOnlyList<LicenseEventContract> History,
    string? Renews,
    string? RenewedBy)
{
    public static LicenseResponse From(LicenseInfo license)
    {
        LicenseTerms terms = license.Terms;
        return new(terms.Id, terms.TenantId, terms.Plan, LicenseEntitlementsContract.From(terms.Entitlements), terms.ValidFrom, terms.ValidUntil,
            terms.GraceDays, terms.GraceUntil, terms.OveragePercent, terms.ExpirationStrategy, license.Phase, terms.Issuer, terms.IssuedAt,
            license.KeyId, license.InstalledAt, [.. license.History.Select(LicenseEventContract.From)], terms.Renews, license.RenewedBy);
    }
}
