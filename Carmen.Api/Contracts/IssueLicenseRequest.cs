using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>
/// A license a platform administrator issues to a tenant of this platform. Omitted: id (generated), validFrom (now),
/// graceDays (0), overagePercent (0), expirationStrategy (restrict). <c>renews</c> names the license a renewal replaces.
/// </summary>
public sealed record IssueLicenseRequest(
    string? Id,
    string? TenantId,
    string? Plan,
    LicenseEntitlementsContract? Entitlements,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    int? GraceDays,
    int? OveragePercent,
    ExpirationStrategy? ExpirationStrategy,
    string? Renews);
