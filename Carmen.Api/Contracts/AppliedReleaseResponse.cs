using Carmen.Grains.Interfaces.Applications;

namespace Carmen.Api.Contracts;

/// <summary>A release a tenant's application ran: version, changelog, when, through which action and rollout, and what it replaced.</summary>
public sealed record AppliedReleaseResponse(
    long ReleaseId,
    string Version,
    string Changelog,
    DateTimeOffset AppliedAt,
    long ActionId,
    long? RolloutId,
    string? PreviousVersion,
    bool Rollback)
{
    public static AppliedReleaseResponse? From(AppliedRelease? release) => release is null
        ? null
        : new(release.ReleaseId, release.Version, release.Changelog, release.AppliedAt, release.ActionId, release.RolloutId,
            release.PreviousVersion, release.Rollback);
}
