using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Interfaces.Applications;

/// <summary>The platform's application releases, in the order they were published. A singleton: use <see cref="Key"/>.</summary>
[Alias("Carmen.IApplicationCatalogGrain")]
public interface IApplicationCatalogGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "platform";

    /// <summary>Publishes a release; its version is unique and <paramref name="configuration"/> is a JSON object.</summary>
    [Alias("Publish")]
    Task<ApplicationRelease> PublishAsync(string version, string? changelog, string configuration, string createdBy, CancellationToken cancellationToken = default);

    /// <summary>Every release, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ApplicationRelease>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One release; not found when it does not exist.</summary>
    [Alias("Get")]
    Task<ApplicationRelease> GetAsync(long releaseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The release as the rollout engine carries it: a deployment named "application" whose set id is the release id
    /// (it has no modules; tenants fetch the release itself when they apply it).
    /// </summary>
    [Alias("ResolveDeployment")]
    Task<Deployment> ResolveDeploymentAsync(long releaseId, CancellationToken cancellationToken = default);
}
