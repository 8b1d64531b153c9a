using System.Text.Json;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Applications;

namespace Carmen.Api.Contracts;

/// <summary>A tenant's application: the release it runs and its configuration, a release waiting for it, and its version history (newest first).</summary>
public sealed record TenantApplicationResponse(
    AppliedReleaseResponse? Current,
    JsonElement? Configuration,
    ApplicationActionResponse? Pending,
    IReadOnlyList<AppliedReleaseResponse> History)
{
    public static TenantApplicationResponse From(TenantApplicationInfo info) => new(
        AppliedReleaseResponse.From(info.Current), info.Configuration is null ? null : JsonValues.Parse(info.Configuration),
        ApplicationActionResponse.From(info.Pending), [.. info.History.Select(release => AppliedReleaseResponse.From(release)!)]);
}
