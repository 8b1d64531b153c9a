using System.Text.Json;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Applications;

namespace Carmen.Api.Contracts;

/// <summary>A published application release, its configuration as JSON.</summary>
public sealed record ApplicationReleaseResponse(long Id, string Version, string Changelog, JsonElement Configuration, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static ApplicationReleaseResponse From(ApplicationRelease release) =>
        new(release.Id, release.Version, release.Changelog, JsonValues.Parse(release.Configuration), release.CreatedAt, release.CreatedBy);
}
