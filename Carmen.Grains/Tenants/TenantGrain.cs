using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Applications;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Incidents;
using Carmen.Grains.Interfaces.Invitations;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Posture;
using Carmen.Grains.Interfaces.Provisioning;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Sso;
using Carmen.Grains.Interfaces.Support;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Licenses;
using Carmen.Grains.Rollouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Tenants;

/// <summary>
/// One tenant. The number of its devices in service is not stored: it is counted from the query index on
/// activation and then kept in memory, reservations included, so admitting devices costs no write.
/// </summary>
[GrainType("tenant")]
public sealed partial class TenantGrain(
    [PersistentState("tenant", StorageNames.Tenants)] IPersistentState<TenantState> tenant,
    [PersistentState("access", StorageNames.Tenants)] IPersistentState<TenantAccessState> accessState,
    IDeviceIndex index,
    TimeProvider time,
    [FromKeyedServices(LicenseClock.Key)] TimeProvider licenseClock,
    IOptions<LicenseOptions> licenseOptions,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private const int MaxSettings = 100;
    private const int MaxSettingLength = 1024;
    private const int PurgeParallelism = 64;

    private int _devicesInService;

    /// <summary>Today's highest use (UTC day, devices in service, users) since activation; see <c>NotePeak</c>.</summary>
    private (DateOnly Day, int Devices, int Users) _peak;

    /// <summary>Devices in service per cluster (reservations included), for business units' allocations; adds up to <see cref="_devicesInService"/>.</summary>
    private readonly Dictionary<string, int> _devicesByCluster = new(StringComparer.Ordinal);

    private string TenantId => this.GetPrimaryKeyString();

    private TenantHierarchy Hierarchy => new(RequireExisting());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (tenant.RecordExists)
        {
            await CountDevicesInServiceAsync(cancellationToken);
            if (!tenant.State.UsersKeyedByTenant)
            {
                await MoveUsersUnderTenantAsync(cancellationToken);
            }

            if (!accessState.State.UserRolesMirrored)
            {
                await MirrorUserRolesAsync(cancellationToken);
            }
        }
    }

    public async Task<TenantInfo> CreateAsync(TenantSpec spec, CancellationToken cancellationToken)
    {
        Identifiers.RequireSlug(TenantId, "id");
        if (tenant.RecordExists)
        {
            throw CarmenException.Conflict($"Tenant '{TenantId}' already exists.", "id");
        }

        tenant.State = new TenantState
        {
            Name = RequireText(spec.Name, "name"),
            DisplayName = spec.DisplayName is null ? spec.Name.Trim() : RequireText(spec.DisplayName, "displayName"),
            Status = TenantStatus.Active,
            Settings = ValidSettings(spec.Settings ?? new Dictionary<string, string>()),
            Limits = ValidLimits(spec.Limits ?? TenantLimits.Unlimited),
            CreatedAt = time.GetUtcNow(),
            Incarnation = Guid.NewGuid().ToString("N"),
            UsersKeyedByTenant = true,
        };
        accessState.State = new TenantAccessState { UserRolesMirrored = true };
        AccessChanged();
        await tenant.WriteStateAsync(cancellationToken);
        await GrainFactory.GetGrain<IPlatformGrain>(IPlatformGrain.Key).AddTenantAsync(TenantId, cancellationToken);
        await GrainFactory.GetGrain<ITenantPostureGrain>(TenantId).ScheduleAsync(cancellationToken);
        LogTenantCreated(TenantId);
        return ToInfo();
    }

    public Task<TenantInfo> GetAsync(CancellationToken cancellationToken) => Task.FromResult(ToInfo(RequireExisting()));

    public Task<TenantStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(tenant.RecordExists ? tenant.State.Status : TenantStatus.None);

    public Task<TenantAccess> GetAccessAsync(CancellationToken cancellationToken) =>
        Task.FromResult(tenant.RecordExists ? new TenantAccess(tenant.State.Status, tenant.State.Incarnation, AccessVersion) : new TenantAccess(TenantStatus.None, "", ""));

    public async Task<TenantInfo> UpdateAsync(TenantUpdate update, CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        if (update.Name is not null)
        {
            state.Name = RequireText(update.Name, "name");
        }

        if (update.DisplayName is not null)
        {
            state.DisplayName = RequireText(update.DisplayName, "displayName");
        }

        if (update.Settings is not null)
        {
            var settings = new Dictionary<string, string>(state.Settings);
            foreach ((string key, string? value) in update.Settings)
            {
                if (value is null)
                {
                    settings.Remove(key);
                }
                else
                {
                    settings[key] = value;
                }
            }

            state.Settings = ValidSettings(settings);
        }

        if (update.Limits is not null)
        {
            state.Limits = ValidLimits(update.Limits);
        }

        await tenant.WriteStateAsync(cancellationToken);
        return ToInfo();
    }

    public async Task<TenantInfo> SuspendAsync(string? reason, CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        state.Status = TenantStatus.Suspended;
        state.SuspensionReason = reason?.Trim();
        await tenant.WriteStateAsync(cancellationToken);

        // New connections are refused from now on; the live ones are closed too.
        IReadOnlyList<DeviceKey> connected = await index.ListConnectedAsync(TenantId, cancellationToken);
        foreach (DeviceKey[] batch in connected.Chunk(PurgeParallelism))
        {
            await Task.WhenAll(batch.Select(device => GrainFactory.GetGrain<IConnectedDeviceGrain>(device.ToString()).RevokeConnectionAsync(cancellationToken)));
        }
        LogTenantSuspended(TenantId, state.SuspensionReason);
        return ToInfo();
    }

    public async Task<TenantInfo> ResumeAsync(CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        state.Status = TenantStatus.Active;
        state.SuspensionReason = null;
        await tenant.WriteStateAsync(cancellationToken);
        LogTenantResumed(TenantId);
        return ToInfo();
    }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        await CountDevicesInServiceAsync(cancellationToken);
        if (_devicesInService > 0)
        {
            throw CarmenException.Conflict($"Tenant '{TenantId}' still has {_devicesInService} device(s) in service; decommission them first.");
        }

        IReadOnlyList<IRolloutGrain> rollouts = await RequireSettledRolloutsAsync(cancellationToken);
        IReadOnlyList<string> retired = await index.ListDecommissionedAsync(TenantId, cancellationToken);
        foreach (string[] batch in retired.Chunk(PurgeParallelism))
        {
            await Task.WhenAll(batch.Select(deviceId =>
                GrainFactory.GetGrain<IDeviceGrain>(new DeviceKey(TenantId, deviceId).ToString()).PurgeAsync(cancellationToken)));
        }

        foreach (IRolloutGrain rollout in rollouts)
        {
            await rollout.DeleteAsync(cancellationToken);
        }

        await Task.WhenAll(TenantRecords().Select(record => record.EraseAsync(cancellationToken)));
        // API keys live under their own ids: revoked, so none outlives its tenant into one created later under the same id.
        await Task.WhenAll(accessState.State.ServiceAccounts.Values.SelectMany(account => account.KeyIds)
            .Select(keyId => GrainFactory.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(cancellationToken)));
        await Task.WhenAll(state.Usernames.Select(username => User(username).DeleteAsync(cancellationToken)));
        await GrainFactory.GetGrain<IPlatformGrain>(IPlatformGrain.Key).RemoveTenantAsync(TenantId, cancellationToken);
        await accessState.ClearStateAsync(cancellationToken);
        await tenant.ClearStateAsync(cancellationToken);
        AccessChanged();
        LogTenantDeleted(TenantId, retired.Count, state.Usernames.Count);
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<BusinessUnitInfo>> GetBusinessUnitsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Hierarchy.BusinessUnits());

    public Task<BusinessUnitInfo> CreateBusinessUnitAsync(string? id, string name, CancellationToken cancellationToken) =>
        SaveAsync(Hierarchy.CreateBusinessUnit(id, name), cancellationToken);

    public Task<BusinessUnitInfo> RenameBusinessUnitAsync(string businessUnitId, string name, CancellationToken cancellationToken) =>
        SaveAsync(Hierarchy.RenameBusinessUnit(businessUnitId, name), cancellationToken);

    public async Task RemoveBusinessUnitAsync(string businessUnitId, CancellationToken cancellationToken)
    {
        Hierarchy.RemoveBusinessUnit(businessUnitId);
        await tenant.WriteStateAsync(cancellationToken);
        RemoveAssignmentsAt(AccessScope.BusinessUnit(businessUnitId));
        await SaveAccessAsync(cancellationToken);
    }

    public Task<ClusterInfo> CreateClusterAsync(string businessUnitId, string? id, string name, CancellationToken cancellationToken) =>
        SaveAsync(Hierarchy.CreateCluster(businessUnitId, id, name), cancellationToken);

    public Task<ClusterInfo> RenameClusterAsync(string clusterId, string name, CancellationToken cancellationToken) =>
        SaveAsync(Hierarchy.RenameCluster(clusterId, name), cancellationToken);

    public Task<ClusterInfo> MoveClusterAsync(string clusterId, string targetBusinessUnitId, CancellationToken cancellationToken)
    {
        RequireShareRoomForCluster(RequireExisting(), clusterId, targetBusinessUnitId);
        return SaveAsync(Hierarchy.MoveCluster(clusterId, targetBusinessUnitId), cancellationToken);
    }

    public async Task RemoveClusterAsync(string clusterId, CancellationToken cancellationToken)
    {
        Hierarchy.RequireCluster(clusterId);
        int devices = await index.CountInServiceAsync(TenantId, clusterId, cancellationToken);
        if (devices > 0)
        {
            throw CarmenException.Conflict($"Cluster '{clusterId}' still has {devices} device(s) in service; move or decommission them first.");
        }

        tenant.State.Clusters.Remove(clusterId);
        await tenant.WriteStateAsync(cancellationToken);
        RemoveAssignmentsAt(AccessScope.Cluster(clusterId));
        await SaveAccessAsync(cancellationToken);
    }

    public async Task<DeviceAdmission> AdmitDevicesAsync(int count, IReadOnlySet<string> clusterIds, CancellationToken cancellationToken)
    {
        TenantState state = RequireActive();
        var unknown = clusterIds.Where(clusterId => !state.Clusters.ContainsKey(clusterId)).ToHashSet(StringComparer.Ordinal);
        if (count == 0)
        {
            return new DeviceAdmission(0, unknown);
        }

        string[] known = [.. clusterIds.Where(clusterId => !unknown.Contains(clusterId))];
        if (known.Length == 1)
        {
            // One cluster: counted there, so its business unit's share applies.
            ClusterAdmission admission = await AdmitDevicesToClustersAsync(new Dictionary<string, int> { [known[0]] = count }, cancellationToken);
            return new DeviceAdmission(admission.GrantedSlots.GetValueOrDefault(known[0]), unknown) { LimitedByLicense = admission.LimitedByLicense.Count > 0 };
        }

        // No single cluster to count in: the tenant's limit and its licenses' total only.
        int byLimit = state.Limits.MaxDevices is int max ? Math.Clamp(max - _devicesInService, 0, count) : count;
        int granted = Math.Min(byLimit, LicensedDeviceSlots() ?? count);
        _devicesInService += granted;
        return new DeviceAdmission(granted, unknown) { LimitedByLicense = granted < byLimit };
    }

    /// <summary>The tenant's rollouts, all of which can be deleted; a conflict naming those still under way otherwise.</summary>
    private async Task<IReadOnlyList<IRolloutGrain>> RequireSettledRolloutsAsync(CancellationToken cancellationToken)
    {
        var rollouts = new List<IRolloutGrain>();
        var unsettled = new List<long>();
        foreach (long id in await GrainFactory.GetGrain<IRolloutDirectoryGrain>(TenantId).ListAsync(cancellationToken))
        {
            IRolloutGrain rollout = GrainFactory.GetGrain<IRolloutGrain>(RolloutKeys.Rollout(TenantId, id));
            if (await rollout.FindAsync(cancellationToken) is not RolloutInfo info)
            {
                continue; // an id reserved by a creation that failed
            }

            rollouts.Add(rollout);
            if (RolloutRules.IsUnderWay(info.Status, info.Counts))
            {
                unsettled.Add(id);
            }
        }

        return unsettled.Count == 0
            ? rollouts
            : throw CarmenException.Conflict($"Tenant '{TenantId}' has rollout(s) {string.Join(", ", unsettled)} still under way; cancel them and let them settle first.");
    }

    /// <summary>The tenant's records other grains keep.</summary>
    private IEnumerable<ITenantRecordGrain> TenantRecords() =>
    [
        GrainFactory.GetGrain<ISoftwareCatalogGrain>(TenantId),
        GrainFactory.GetGrain<IDdiSettingsGrain>(TenantId),
        GrainFactory.GetGrain<ITenantApplicationGrain>(TenantId),
        GrainFactory.GetGrain<IRolloutDirectoryGrain>(TenantId),
        GrainFactory.GetGrain<IAlertRulesGrain>(TenantId),
        GrainFactory.GetGrain<ITenantAlertsGrain>(TenantId),
        GrainFactory.GetGrain<IAlertRoutingGrain>(TenantId),
        GrainFactory.GetGrain<INotificationChannelsGrain>(TenantId),
        GrainFactory.GetGrain<IProvisioningDirectoryGrain>(TenantId),
        GrainFactory.GetGrain<IIncidentDirectoryGrain>(TenantId),
        GrainFactory.GetGrain<ITenantPostureGrain>(TenantId),
        GrainFactory.GetGrain<IInvitationsGrain>(TenantId),
        GrainFactory.GetGrain<IIdentityProvidersGrain>(TenantId),
        GrainFactory.GetGrain<ITenantLicensesGrain>(TenantId),
        GrainFactory.GetGrain<ITenantMeterGrain>(TenantId),
        GrainFactory.GetGrain<ITicketDirectoryGrain>(TenantId),
    ];

    /// <summary>Saves a change of the tenant's record; the tree is part of every access decision, so the access version moves.</summary>
    private async Task<T> SaveAsync<T>(T result, CancellationToken cancellationToken)
    {
        await tenant.WriteStateAsync(cancellationToken);
        AccessChanged();
        return result;
    }

    private TenantState RequireExisting() =>
        tenant.RecordExists ? tenant.State : throw CarmenException.NotFound($"Tenant '{TenantId}' does not exist.");

    private TenantState RequireActive()
    {
        TenantState state = RequireExisting();
        return state.Status == TenantStatus.Active
            ? state
            : throw CarmenException.Forbidden($"Tenant '{TenantId}' is suspended.");
    }

    private static string RequireText(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > 200
            ? throw CarmenException.Invalid(field, $"{field} is 1 to 200 characters.")
            : value.Trim();

    private static Dictionary<string, string> ValidSettings(IReadOnlyDictionary<string, string> settings)
    {
        if (settings.Count > MaxSettings)
        {
            throw CarmenException.Invalid("settings", $"A tenant has at most {MaxSettings} settings.");
        }

        foreach ((string key, string value) in settings)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 64 || value is null || value.Length > MaxSettingLength)
            {
                throw CarmenException.Invalid($"settings.{key}", $"Setting keys are 1 to 64 characters, values at most {MaxSettingLength}.");
            }
        }

        return new Dictionary<string, string>(settings, StringComparer.Ordinal);
    }

    private static TenantLimits ValidLimits(TenantLimits limits) => limits switch
    {
        { MaxDevices: < 0 } => throw CarmenException.Invalid("limits.maxDevices", "maxDevices cannot be negative."),
        { MaxUsers: < 0 } => throw CarmenException.Invalid("limits.maxUsers", "maxUsers cannot be negative."),
        { DeviceMessagesPerSecond: < 1 } => throw CarmenException.Invalid("limits.deviceMessagesPerSecond", "deviceMessagesPerSecond is at least 1."),
        { DevicePointsPerSecond: < 1 } => throw CarmenException.Invalid("limits.devicePointsPerSecond", "devicePointsPerSecond is at least 1."),
        { MessagesPerSecond: < 1 } => throw CarmenException.Invalid("limits.messagesPerSecond", "messagesPerSecond is at least 1."),
        { PointsPerSecond: < 1 } => throw CarmenException.Invalid("limits.pointsPerSecond", "pointsPerSecond is at least 1."),
        _ => limits,
    };

    private TenantInfo ToInfo() => ToInfo(tenant.State);

    private TenantInfo ToInfo(TenantState state) => new(
        TenantId, state.Name, state.DisplayName, state.Status, new Dictionary<string, string>(state.Settings), state.Limits,
        _devicesInService, state.CreatedAt, state.SuspensionReason, state.Usernames.Count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} created")]
    private partial void LogTenantCreated(string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} suspended: {Reason}")]
    private partial void LogTenantSuspended(string tenantId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} resumed")]
    private partial void LogTenantResumed(string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} deleted with {Devices} retired device(s) and {Users} user(s)")]
    private partial void LogTenantDeleted(string tenantId, int devices, int users);
}
