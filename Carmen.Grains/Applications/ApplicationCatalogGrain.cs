using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Applications;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Applications;

/// <summary>
/// The platform's application releases. A release is immutable once published (tenants and rollbacks rely on exactly
/// what it said), so a fix is a new version.
/// </summary>
[GrainType("application-catalog")]
public sealed partial class ApplicationCatalogGrain(
    [PersistentState("application-catalog", StorageNames.Platform)] IPersistentState<ApplicationCatalogState> catalog,
    TimeProvider time,
    ILogger<ApplicationCatalogGrain> logger) : Grain, IApplicationCatalogGrain
{
    /// <summary>A configuration is a settings document, not a payload: 64 KiB is plenty and keeps tenant records small.</summary>
    public const int MaxConfigurationBytes = 64 * 1024;

    public const int MaxChangelogLength = 20_000;

    public async Task<ApplicationRelease> PublishAsync(string version, string? changelog, string configuration, string createdBy, CancellationToken cancellationToken)
    {
        version = version?.Trim() ?? "";
        if (version.Length is 0 or > 64)
        {
            throw CarmenException.Invalid("version", "A release has a version of 1 to 64 characters.");
        }

        if (changelog?.Length > MaxChangelogLength)
        {
            throw CarmenException.Invalid("changelog", $"A changelog has at most {MaxChangelogLength} characters.");
        }

        ValidateConfiguration(configuration);
        if (catalog.State.Releases.Any(release => string.Equals(release.Version, version, StringComparison.OrdinalIgnoreCase)))
        {
            throw CarmenException.Conflict($"Release version '{version}' already exists; a published release never changes.", "version");
        }

        var published = new ApplicationRelease(++catalog.State.LastId, version, changelog ?? "", configuration, time.GetUtcNow(), createdBy);
        catalog.State.Releases.Add(published);
        await catalog.WriteStateAsync(cancellationToken);
        LogPublished(published.Id, version, createdBy);
        return published;
    }

    public Task<IReadOnlyList<ApplicationRelease>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApplicationRelease>>([.. Enumerable.Reverse(catalog.State.Releases)]);

    public Task<ApplicationRelease> GetAsync(long releaseId, CancellationToken cancellationToken) => Task.FromResult(Release(releaseId));

    public Task<Deployment> ResolveDeploymentAsync(long releaseId, CancellationToken cancellationToken)
    {
        ApplicationRelease release = Release(releaseId);
        return Task.FromResult(new Deployment(release.Id, "application", release.Version, [], []));
    }

    private ApplicationRelease Release(long releaseId) =>
        catalog.State.Releases.FirstOrDefault(release => release.Id == releaseId)
            ?? throw CarmenException.NotFound($"Application release {releaseId} does not exist.");

    private static void ValidateConfiguration(string configuration)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(configuration) > MaxConfigurationBytes)
        {
            throw CarmenException.Invalid("configuration", $"A configuration has at most {MaxConfigurationBytes / 1024} KiB.");
        }

        try
        {
            using var document = JsonDocument.Parse(configuration);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw CarmenException.Invalid("configuration", "A configuration is a JSON object.");
            }
        }
        catch (JsonException malformed)
        {
            throw CarmenException.Invalid("configuration", $"A configuration is a JSON object: {malformed.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Application release {ReleaseId} version {Version} published by {CreatedBy}")]
    private partial void LogPublished(long releaseId, string version, string createdBy);
}
