using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Rollouts;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Updates;

/// <summary>
/// A tenant's software modules and distribution sets. Whether a distribution set is in use is asked of the rollout
/// directory (rollouts not yet ended), the device index (installed or target set of any device) and the rollout inbox
/// (posts not yet taken), so assigning to 100,000 devices never funnels through this grain.
/// </summary>
[GrainType("software-catalog")]
public sealed partial class SoftwareCatalogGrain(
    [PersistentState("catalog", StorageNames.Tenants)] IPersistentState<SoftwareCatalogState> catalog,
    IDeviceIndex index,
    IRolloutInbox inbox,
    TimeProvider time,
    ILogger<SoftwareCatalogGrain> logger) : Grain, ISoftwareCatalogGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    private SoftwareCatalogState State => catalog.State;

    /// <summary>The artifacts' files stay: they are content-addressed and may serve another tenant's identical upload.</summary>
    public Task EraseAsync(CancellationToken cancellationToken) => catalog.ClearStateAsync(cancellationToken);

    public async Task<SoftwareModuleInfo> CreateModuleAsync(SoftwareModuleSpec spec, CancellationToken cancellationToken)
    {
        spec = CatalogRules.Normalize(spec);
        await RequireTenantAsync(cancellationToken);
        await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).RequireFeatureAsync(LicenseFeatures.Ota, cancellationToken);
        if (State.Modules.Values.Any(module => module.Type == spec.Type && module.Name == spec.Name && module.Version == spec.Version))
        {
            throw CarmenException.Conflict($"A '{spec.Type}' module '{spec.Name}' version '{spec.Version}' already exists.", "version");
        }

        var module = new SoftwareModuleInfo(++State.LastId, spec.Name, spec.Version, spec.Type, spec.Vendor, spec.Description,
            spec.Metadata ?? [], [], time.GetUtcNow());
        State.Modules[module.Id] = module;
        await catalog.WriteStateAsync(cancellationToken);
        LogModuleCreated(TenantId, module.Id, module.Type, module.Name, module.Version);
        return module;
    }

    public Task<IReadOnlyList<SoftwareModuleInfo>> ListModulesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SoftwareModuleInfo>>([.. State.Modules.Values.OrderByDescending(module => module.Id)]);

    public Task<SoftwareModuleInfo> GetModuleAsync(long moduleId, CancellationToken cancellationToken) => Task.FromResult(Module(moduleId));

    public async Task<SoftwareModuleInfo> AddArtifactAsync(long moduleId, ArtifactInfo artifact, CancellationToken cancellationToken)
    {
        SoftwareModuleInfo module = Module(moduleId);
        string fileName = CatalogRules.FileName(artifact.FileName);
        if (module.Artifacts.Any(existing => existing.FileName == fileName))
        {
            throw CarmenException.Conflict($"Module {moduleId} already has an artifact named '{fileName}'.", "filename");
        }

        RequireNotInDistributionSet(module, "add artifacts to");
        module = module with { Artifacts = [.. module.Artifacts, artifact with { FileName = fileName }] };
        State.Modules[moduleId] = module;
        await catalog.WriteStateAsync(cancellationToken);
        LogArtifactAdded(TenantId, moduleId, fileName, artifact.Size, artifact.Sha256);
        return module;
    }

    public async Task<SoftwareModuleInfo> RemoveArtifactAsync(long moduleId, string fileName, CancellationToken cancellationToken)
    {
        SoftwareModuleInfo module = Module(moduleId);
        if (module.Artifacts.All(artifact => artifact.FileName != fileName))
        {
            throw CarmenException.NotFound($"Module {moduleId} has no artifact named '{fileName}'.");
        }

        RequireNotInDistributionSet(module, "remove artifacts from");
        module = module with { Artifacts = [.. module.Artifacts.Where(artifact => artifact.FileName != fileName)] };
        State.Modules[moduleId] = module;
        await catalog.WriteStateAsync(cancellationToken);
        return module;
    }

    public async Task DeleteModuleAsync(long moduleId, CancellationToken cancellationToken)
    {
        RequireNotInDistributionSet(Module(moduleId), "delete");
        State.Modules.Remove(moduleId);
        await catalog.WriteStateAsync(cancellationToken);
    }

    public async Task<DistributionSetInfo> CreateDistributionSetAsync(DistributionSetSpec spec, CancellationToken cancellationToken)
    {
        spec = CatalogRules.Normalize(spec);
        foreach ((long moduleId, int position) in spec.Modules.Select((id, position) => (id, position)))
        {
            if (!State.Modules.TryGetValue(moduleId, out SoftwareModuleInfo? module))
            {
                throw CarmenException.Invalid($"modules[{position}]", $"Software module {moduleId} does not exist.");
            }

            if (module.Artifacts.Count == 0)
            {
                throw CarmenException.Invalid($"modules[{position}]", $"Software module {moduleId} has no artifacts yet; upload them before adding it to a distribution set.");
            }
        }

        if (State.DistributionSets.Values.Any(set => set.Name == spec.Name && set.Version == spec.Version))
        {
            throw CarmenException.Conflict($"Distribution set '{spec.Name}' version '{spec.Version}' already exists.", "version");
        }

        var set = new DistributionSetInfo(++State.LastId, spec.Name, spec.Version, spec.Modules, spec.DeviceTypes ?? [], spec.Description, time.GetUtcNow());
        State.DistributionSets[set.Id] = set;
        await catalog.WriteStateAsync(cancellationToken);
        LogDistributionSetCreated(TenantId, set.Id, set.Name, set.Version, set.Modules.Count);
        return set;
    }

    public Task<IReadOnlyList<DistributionSetInfo>> ListDistributionSetsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DistributionSetInfo>>([.. State.DistributionSets.Values.OrderByDescending(set => set.Id)]);

    public Task<DistributionSetInfo> GetDistributionSetAsync(long distributionSetId, CancellationToken cancellationToken) =>
        Task.FromResult(DistributionSet(distributionSetId));

    public async Task DeleteDistributionSetAsync(long distributionSetId, CancellationToken cancellationToken)
    {
        DistributionSet(distributionSetId);
        IReadOnlyList<long> rollouts = await GrainFactory.GetGrain<IRolloutDirectoryGrain>(TenantId).ListDeliveringAsync(distributionSetId, cancellationToken);
        if (rollouts.Count > 0)
        {
            throw CarmenException.Conflict($"Distribution set {distributionSetId} is delivered by rollout(s) {string.Join(", ", rollouts)}; finish or cancel them first.");
        }

        long posted = await inbox.CountPostedAsync(TenantId, distributionSetId, cancellationToken);
        if (posted > 0)
        {
            throw CarmenException.Conflict($"Distribution set {distributionSetId} is posted to {posted} device(s) that have not taken it yet.");
        }

        long devices = await index.CountReferencingDistributionSetAsync(TenantId, distributionSetId, cancellationToken);
        if (devices > 0)
        {
            throw CarmenException.Conflict($"Distribution set {distributionSetId} is installed on or assigned to {devices} device(s).");
        }

        State.DistributionSets.Remove(distributionSetId);
        await catalog.WriteStateAsync(cancellationToken);
    }

    public Task<Deployment> ResolveDeploymentAsync(long distributionSetId, CancellationToken cancellationToken)
    {
        DistributionSetInfo set = DistributionSet(distributionSetId);
        DeploymentChunk[] chunks =
        [
            .. set.Modules.Select(moduleId => State.Modules[moduleId]).Select(module => new DeploymentChunk(
                module.Id, module.Type, module.Name, module.Version, [.. module.Metadata.Where(entry => entry.VisibleToDevice)], module.Artifacts)),
        ];
        return Task.FromResult(new Deployment(set.Id, set.Name, set.Version, chunks, set.DeviceTypes));
    }

    public Task<ArtifactInfo?> FindArtifactAsync(long moduleId, string fileName, CancellationToken cancellationToken) =>
        Task.FromResult(State.Modules.GetValueOrDefault(moduleId)?.Artifacts.FirstOrDefault(artifact => artifact.FileName == fileName));

    private SoftwareModuleInfo Module(long moduleId) =>
        State.Modules.GetValueOrDefault(moduleId) ?? throw CarmenException.NotFound($"Software module {moduleId} does not exist.");

    private DistributionSetInfo DistributionSet(long distributionSetId) =>
        State.DistributionSets.GetValueOrDefault(distributionSetId) ?? throw CarmenException.NotFound($"Distribution set {distributionSetId} does not exist.");

    /// <summary>A module in a distribution set is frozen: actions and rollouts rely on what the set contained.</summary>
    private void RequireNotInDistributionSet(SoftwareModuleInfo module, string operation)
    {
        if (State.DistributionSets.Values.FirstOrDefault(set => set.Modules.Contains(module.Id)) is DistributionSetInfo set)
        {
            throw CarmenException.Conflict($"Cannot {operation} software module {module.Id}: distribution set {set.Id} ('{set.Name}' {set.Version}) holds it.");
        }
    }

    private async Task RequireTenantAsync(CancellationToken cancellationToken)
    {
        if (State.LastId == 0)
        {
            await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} created software module {ModuleId} ({Type} {Name} {Version})")]
    private partial void LogModuleCreated(string tenantId, long moduleId, string type, string name, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} module {ModuleId}: artifact {FileName} ({Size} bytes, sha256 {Sha256})")]
    private partial void LogArtifactAdded(string tenantId, long moduleId, string fileName, long size, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} created distribution set {DistributionSetId} ({Name} {Version}, {Modules} modules)")]
    private partial void LogDistributionSetCreated(string tenantId, long distributionSetId, string name, string version, int modules);
}
