using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Updates;

/// <summary>
/// A tenant's software modules and distribution sets (keyed by tenant id). A tenant has hundreds of these, not
/// millions, so one grain holds them all; devices never call it on their hot path (actions carry a copy).
/// </summary>
[Alias("Carmen.ISoftwareCatalogGrain")]
public interface ISoftwareCatalogGrain : ITenantRecordGrain
{
    /// <summary>Creates a module; name and version together are unique per type.</summary>
    [Alias("CreateModule")]
    Task<SoftwareModuleInfo> CreateModuleAsync(SoftwareModuleSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Every module, newest first.</summary>
    [Alias("ListModules")]
    Task<IReadOnlyList<SoftwareModuleInfo>> ListModulesAsync(CancellationToken cancellationToken = default);

    /// <summary>One module; not found when it does not exist.</summary>
    [Alias("GetModule")]
    Task<SoftwareModuleInfo> GetModuleAsync(long moduleId, CancellationToken cancellationToken = default);

    /// <summary>Adds an uploaded artifact; a file name is unique within its module (conflict otherwise).</summary>
    [Alias("AddArtifact")]
    Task<SoftwareModuleInfo> AddArtifactAsync(long moduleId, ArtifactInfo artifact, CancellationToken cancellationToken = default);

    /// <summary>Removes an artifact; refused while a distribution set holding the module is in use.</summary>
    [Alias("RemoveArtifact")]
    Task<SoftwareModuleInfo> RemoveArtifactAsync(long moduleId, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Deletes a module; refused with a conflict while a distribution set holds it.</summary>
    [Alias("DeleteModule")]
    Task DeleteModuleAsync(long moduleId, CancellationToken cancellationToken = default);

    /// <summary>Creates a distribution set of existing modules, at most one per module type.</summary>
    [Alias("CreateDistributionSet")]
    Task<DistributionSetInfo> CreateDistributionSetAsync(DistributionSetSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Every distribution set, newest first.</summary>
    [Alias("ListDistributionSets")]
    Task<IReadOnlyList<DistributionSetInfo>> ListDistributionSetsAsync(CancellationToken cancellationToken = default);

    /// <summary>One distribution set; not found when it does not exist.</summary>
    [Alias("GetDistributionSet")]
    Task<DistributionSetInfo> GetDistributionSetAsync(long distributionSetId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a distribution set; refused with a conflict while any device has it installed or as its target.</summary>
    [Alias("DeleteDistributionSet")]
    Task DeleteDistributionSetAsync(long distributionSetId, CancellationToken cancellationToken = default);

    /// <summary>The distribution set resolved for an action (modules, visible metadata, artifacts).</summary>
    [Alias("ResolveDeployment")]
    Task<Deployment> ResolveDeploymentAsync(long distributionSetId, CancellationToken cancellationToken = default);

    /// <summary>The artifact a device may download, when the module holds a file of that name.</summary>
    [Alias("FindArtifact")]
    Task<ArtifactInfo?> FindArtifactAsync(long moduleId, string fileName, CancellationToken cancellationToken = default);
}
