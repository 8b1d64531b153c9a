using Carmen.Grains.Alerts;
using Carmen.Grains.Connectivity;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Ingest;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Placement;
using Carmen.Grains.Rollouts;
using Carmen.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Devices;

/// <summary>
/// One device. Its state is the truth; the query index row is written after every change so listings see it.
/// Tenant checks (cluster exists, quota) happen before registration, in <see cref="DeviceRegistrarGrain"/>.
/// One grain per device, so the hot path is one call; each of its facets is a partial file with its own interface:
/// this file is the lifecycle (registration, activation, saving); DeviceGrain.Connectivity the connection and its
/// telemetry (<see cref="IConnectedDeviceGrain"/>); DeviceGrain.Rpc the RPCs (<see cref="IRpcDeviceGrain"/>);
/// DeviceGrain.Updates the update actions (<see cref="IUpdatableDeviceGrain"/>, the state machine in
/// <see cref="UpdateActions"/>); DeviceGrain.Rollouts the rollout target (<see cref="Interfaces.Rollouts.IRolloutTargetGrain"/>);
/// DeviceGrain.Alerts alert evaluation (<see cref="IAlertingDeviceGrain"/>, its state in <see cref="DeviceAlerting"/>);
/// DeviceGrain.Gateway and DeviceGrain.Claiming their interfaces; DeviceGrain.FollowConnection moves the grain to its connection's silo.
/// </summary>
[GrainType("device"), ConnectionPlacement]
public sealed partial class DeviceGrain(
    [PersistentState("device", StorageNames.Devices)] IPersistentState<DeviceState> device,
    IDeviceIndex index,
    IRolloutInbox inbox,
    ITelemetrySink telemetry,
    IngestShard ingest,
    AlertRuleCache alertRules,
    IOptions<AlertOptions> alertOptions,
    TimeProvider time,
    ILogger<DeviceGrain> logger,
    IClusterMembershipService membership,
    IExternalBroker? externalBroker = null) : Grain, IDeviceGrain
{
    private DeviceKey Key => DeviceKey.Parse(this.GetPrimaryKeyString());

    /// <summary>State changed in memory and not yet saved (latest telemetry, a recurring alert forgotten): saved at deactivation.</summary>
    private bool _unsavedChanges;

    private bool IsRegistered => device.RecordExists;

    /// <summary>A device waking takes what rollouts posted to it while its grain was idle.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) => TryTakePostedAsync(cancellationToken);

    /// <summary>
    /// Latest telemetry and the time of the last message are kept in memory between connects; saving them here means
    /// an idle deactivation (of a connected device too) loses nothing.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await LeaveIngestAsync();
        if (_lastSeenAt > device.State.LastSeenAt)
        {
            device.State.LastSeenAt = _lastSeenAt;
            _unsavedChanges = true;
        }

        if (_unsavedChanges && IsRegistered)
        {
            await device.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<DeviceRegistration> RegisterAsync(DeviceDraft draft, string requestId, CancellationToken cancellationToken)
    {
        draft = DeviceDraftValidator.Normalize(draft with { Id = Key.DeviceId });
        if (IsRegistered)
        {
            if (device.State.RegistrationRequestId != requestId)
            {
                throw CarmenException.Conflict($"Device '{Key.DeviceId}' already exists.", "id");
            }

            // A replayed import: the first answer's token was lost with the crash that caused the replay.
            return await RotateCredentialsAsync(draft.AccessToken, cancellationToken);
        }

        string token = draft.AccessToken ?? AccessTokens.Generate();
        string tokenHash = await HashUnusedTokenAsync(token, provided: draft.AccessToken is not null, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        device.State = new DeviceState
        {
            Name = draft.Name,
            ClusterId = draft.ClusterId,
            Type = draft.Type,
            Labels = [.. draft.Labels ?? []],
            Status = DeviceStatus.Registered,
            FirmwareVersion = draft.FirmwareVersion,
            CreatedAt = now,
            AccessTokenHash = tokenHash,
            CredentialsIssuedAt = now,
            RegistrationRequestId = requestId,
            GatewayDeviceId = draft.GatewayId,
        };
        await SaveAsync(cancellationToken);
        CarmenDiagnostics.DevicesRegistered.Add(1);
        LogRegistered(Key.TenantId, Key.DeviceId, draft.ClusterId);
        return new DeviceRegistration(ToInfo(), token);
    }

    public Task<DeviceInfo> GetAsync(CancellationToken cancellationToken) => Task.FromResult(ToInfo(RequireRegistered()));

    public async Task<DeviceInfo> UpdateAsync(DeviceUpdate update, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        if (update.ClusterId is not null && update.ClusterId != state.ClusterId)
        {
            string clusterId = Identifiers.RequireSlug(update.ClusterId, "clusterId");
            await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).MoveDeviceAsync(state.ClusterId, clusterId, cancellationToken);
            state.ClusterId = clusterId;
        }

        if (update.Name is not null)
        {
            state.Name = string.IsNullOrWhiteSpace(update.Name) || update.Name.Length > DeviceDraftValidator.MaxNameLength
                ? throw CarmenException.Invalid("name", $"A name is 1 to {DeviceDraftValidator.MaxNameLength} characters.")
                : update.Name.Trim();
        }

        if (update.Type is not null)
        {
            state.Type = DeviceDraftValidator.ShortText(update.Type, "type");
        }

        if (update.Labels is not null)
        {
            state.Labels = [.. DeviceDraftValidator.NormalizeLabels(update.Labels)];
        }

        bool gatewayChanged = update.Gateway is bool gateway && gateway != state.IsGateway;
        state.IsGateway = update.Gateway ?? state.IsGateway;
        if (update.Quarantined is bool quarantined)
        {
            state.Status = (quarantined, state.Status) switch
            {
                (true, _) => DeviceStatus.Quarantined,
                (false, DeviceStatus.Quarantined) => state.IsolatedBy is not null ? DeviceStatus.Isolated : PresenceStatus(state),
                (false, DeviceStatus status) => status,
            };
        }

        await SaveAsync(cancellationToken);
        if (update.ClusterId is not null || update.Type is not null || update.Labels is not null)
        {
            PlacementChanged();
        }

        // A gateway learns what it may publish at its first gateway message: a change takes effect at its reconnect.
        if (state.Status == DeviceStatus.Quarantined || gatewayChanged)
        {
            await CloseConnectionAsync(DeviceCloseReason.NotAuthorized, cancellationToken);
        }

        return ToInfo();
    }

    public async Task<DeviceRegistration> RotateCredentialsAsync(string? accessToken, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        string token = accessToken is null ? AccessTokens.Generate() : AccessTokens.RequireValid(accessToken, "accessToken");
        state.AccessTokenHash = await HashUnusedTokenAsync(token, provided: accessToken is not null, cancellationToken);
        (state.MqttUsername, state.MqttClientId, state.MqttPasswordHash) = (null, null, null);
        state.CredentialsIssuedAt = time.GetUtcNow();
        await SaveAsync(cancellationToken);
        await CloseConnectionAsync(DeviceCloseReason.NotAuthorized, cancellationToken);
        LogCredentialsRotated(Key.TenantId, Key.DeviceId);
        return new DeviceRegistration(ToInfo(), token);
    }

    public async Task<DeviceInfo> ReplaceSharedAttributesAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        RequireNotIsolated("configuration");
        AttributeLimits.Require(attributes, "body");
        Dictionary<string, string> previous = state.SharedAttributes;
        state.SharedAttributes = new Dictionary<string, string>(attributes);
        await SaveAsync(cancellationToken);
        await PushSharedAttributeChangesAsync(previous, state.SharedAttributes);
        return ToInfo();
    }

    public async Task<DeviceInfo> ReplaceServerAttributesAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        DeviceState state = RequireRegistered();
        AttributeLimits.Require(attributes, "body");
        state.ServerAttributes = new Dictionary<string, string>(attributes);
        await SaveAsync(cancellationToken);
        return ToInfo();
    }

    public async Task<DeviceInfo> DecommissionAsync(CancellationToken cancellationToken)
    {
        DeviceState state = RequireRegistered();
        if (state.Status == DeviceStatus.Decommissioned)
        {
            return ToInfo();
        }

        state.Status = DeviceStatus.Decommissioned;
        state.AccessTokenHash = null;
        (state.MqttUsername, state.MqttClientId, state.MqttPasswordHash) = (null, null, null);
        await SaveAsync(cancellationToken);
        await CloseConnectionAsync(DeviceCloseReason.NotAuthorized, cancellationToken);
        await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).ReleaseDeviceSlotsAsync(1, state.ClusterId, cancellationToken);
        await TryTakePostedAsync(cancellationToken); // refused now, so waiting rollout batches learn at once
        CarmenDiagnostics.DevicesDecommissioned.Add(1);
        LogDecommissioned(Key.TenantId, Key.DeviceId);
        return ToInfo();
    }

    public async Task PurgeAsync(CancellationToken cancellationToken)
    {
        if (RequireRegistered().Status != DeviceStatus.Decommissioned)
        {
            throw CarmenException.Conflict($"Device '{Key.DeviceId}' is in service; decommission it before purging.");
        }

        await TakePostedAsync(cancellationToken); // refuses them: no post outlives its device
        await device.ClearStateAsync(cancellationToken);
        await index.RemoveAsync(Key, cancellationToken);
        DeactivateOnIdle();
    }

    /// <summary>
    /// The token's hash, refusing a token another device holds. Only a token the caller chose can be taken: a generated
    /// one is 192 random bits, so registration skips the index read for it (the index's unique key still backs this).
    /// </summary>
    private async Task<string> HashUnusedTokenAsync(string token, bool provided, CancellationToken cancellationToken)
    {
        string hash = AccessTokens.Hash(token);
        if (!provided)
        {
            return hash;
        }

        DeviceKey? holder = await index.FindByAccessTokenHashAsync(hash, cancellationToken);
        return holder is null || holder == Key
            ? hash
            : throw CarmenException.Conflict("This access token cannot be used; choose another.", "accessToken");
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await device.WriteStateAsync(cancellationToken);
        await index.UpsertAsync(DeviceIndexEntry.Of(Key, device.State), cancellationToken);
    }

    private DeviceState RequireRegistered() =>
        IsRegistered ? device.State : throw CarmenException.NotFound($"Device '{Key.DeviceId}' does not exist.");

    private DeviceState RequireInService()
    {
        DeviceState state = RequireRegistered();
        return state.Status != DeviceStatus.Decommissioned
            ? state
            : throw CarmenException.Conflict($"Device '{Key.DeviceId}' is decommissioned.");
    }

    private DeviceInfo ToInfo() => ToInfo(device.State);

    private DeviceInfo ToInfo(DeviceState state) => new(
        Key.TenantId, Key.DeviceId, state.Name, state.ClusterId, state.Type, [.. state.Labels], state.Status,
        state.FirmwareVersion, state.CreatedAt, state.LastSeenAt, state.CredentialsIssuedAt,
        new Dictionary<string, string>(state.SharedAttributes), new Dictionary<string, string>(state.ServerAttributes),
        state.IsGateway, state.GatewayDeviceId, state.IsolatedBy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {TenantId}/{DeviceId} registered in cluster {ClusterId}")]
    private partial void LogRegistered(string tenantId, string deviceId, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId} credentials rotated")]
    private partial void LogCredentialsRotated(string tenantId, string deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId} decommissioned")]
    private partial void LogDecommissioned(string tenantId, string deviceId);
}
