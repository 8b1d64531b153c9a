using System.Text.Json;
using Carmen.Grains.Interfaces.Applications;

namespace Carmen.Api.Contracts;

/// <summary>A tenant's application: the release it runs and its configuration, a release waiting for it, and its version history (newest first).</summary>
public sealed record TenantApplicationResponse(AppliedRelease? Current, JsonElement? Configuration, ApplicationAction? Pending, IReadOnlyList<AppliedRelease> History)
{
    public static TenantApplicationResponse From(TenantApplicationInfo info) =>
        new(info.Current, info.Configuration is null ? null : JsonValues.Parse(info.Configuration), info.Pending, info.History);
}
