namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>A tenant administrator's request to renew a license, as platform administrators see and act on it.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="TenantId">The tenant asking.</param>
/// <param name="LicenseId">The license to renew, or null for a new one.</param>
/// <param name="Note">What the tenant asks for (seats, features, term), for people.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="Status">Open, fulfilled (a renewal was installed) or declined.</param>
/// <param name="Resolution">The renewal's license id, or why it was declined.</param>
/// <param name="ResolvedAt">When it stopped being open.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseRenewalRequest")]
public sealed record LicenseRenewalRequest(
    [property: Id(0)] long Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string? LicenseId,
    [property: Id(3)] string Note,
    [property: Id(4)] string RequestedBy,
    [property: Id(5)] DateTimeOffset RequestedAt,
    [property: Id(6)] RenewalRequestStatus Status,
    [property: Id(7)] string? Resolution = null,
    [property: Id(8)] DateTimeOffset? ResolvedAt = null);
