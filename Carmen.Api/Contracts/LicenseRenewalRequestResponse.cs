using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>A renewal request: open, fulfilled (resolution is the renewal's license id) or declined (resolution says why).</summary>
public sealed record LicenseRenewalRequestResponse(
    long Id, string TenantId, string? LicenseId, string Note, string RequestedBy, DateTimeOffset RequestedAt,
    RenewalRequestStatus Status, string? Resolution, DateTimeOffset? ResolvedAt)
{
    public static LicenseRenewalRequestResponse From(LicenseRenewalRequest request) => new(
        request.Id, request.TenantId, request.LicenseId, request.Note, request.RequestedBy, request.RequestedAt, request.Status, request.Resolution, request.ResolvedAt);
}
