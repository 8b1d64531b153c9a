using System.Text.Json;
using Carmen.Grains.Devices;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Provisioning;
using Carmen.Grains.Interfaces.Tenants;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Provisioning;

/// <summary>
/// One provisioning profile, keyed by its provisionDeviceKey. A request with the right secret registers the device it
/// names (or, for pre-provisioned devices, finds it) and issues its credentials once; a wrong secret and an unknown key
/// get the same answer, so neither tells which keys exist.
/// </summary>
[GrainType("provisioning-profile")]
public sealed partial class ProvisioningProfileGrain(
    [PersistentState("provisioning-profile", StorageNames.Tenants)] IPersistentState<ProvisioningProfileState> profile,
    TimeProvider time,
    ILogger<ProvisioningProfileGrain> logger) : Grain, IProvisioningProfileGrain
{
    private const int MaxNameLength = 100;

    private string Key => this.GetPrimaryKeyString();

    public async Task<ProvisioningProfile> CreateAsync(string tenantId, ProvisioningProfileSpec spec, string secret, CancellationToken cancellationToken)
    {
        ProvisioningKeys.RequireStrong(Key, "provisionDeviceKey");
        ProvisioningKeys.RequireStrong(secret, "provisionDeviceSecret");
        string name = string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Trim().Length > MaxNameLength
            ? throw CarmenException.Invalid("name", $"A profile's name is 1 to {MaxNameLength} characters.")
            : spec.Name.Trim();
        string clusterId = Identifiers.RequireSlug(spec.ClusterId, "clusterId");
        string? type = DeviceDraftValidator.ShortText(spec.Type, "type");
        if (profile.RecordExists)
        {
            throw CarmenException.Conflict("This provisionDeviceKey cannot be used; choose another.", "provisionDeviceKey");
        }

        DeviceAdmission admission = await GrainFactory.GetGrain<ITenantGrain>(tenantId).AdmitDevicesAsync(0, new HashSet<string> { clusterId }, cancellationToken);
        if (admission.UnknownClusterIds.Count > 0)
        {
            throw CarmenException.Invalid("clusterId", $"Cluster '{clusterId}' does not exist.");
        }

        profile.State = new ProvisioningProfileState
        {
            TenantId = tenantId,
            Name = name,
            Strategy = spec.Strategy,
            ClusterId = clusterId,
            Type = type,
            SecretHash = await Task.Run(() => MqttPasswords.Hash(secret), cancellationToken),
            CreatedAt = time.GetUtcNow(),
        };
        await profile.WriteStateAsync(cancellationToken);
        LogCreated(tenantId, name, spec.Strategy);
        return ToProfile();
    }

    public Task<ProvisioningProfile?> FindAsync(string tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(profile.RecordExists && profile.State.TenantId == tenantId ? ToProfile() : null);

    public async Task DeleteAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (profile.RecordExists && profile.State.TenantId == tenantId)
        {
            await profile.ClearStateAsync(cancellationToken);
        }
    }

    public async Task<ProvisionResult> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        string? secretHash = profile.RecordExists ? profile.State.SecretHash : null; // read here: the check runs off the grain's scheduler
        if (secretHash is null || !await Task.Run(() => MqttPasswords.Verify(secretHash, request.Secret), cancellationToken))
        {
            CarmenDiagnostics.DevicesProvisioned.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            return ProvisionResult.Refused();
        }

        string name = request.DeviceName.Trim();
        if (!DeviceNames.IsValidName(name))
        {
            return ProvisionResult.Failed($"deviceName is 1 to {DeviceNames.MaxNameLength} characters without control characters.");
        }

        ProvisioningProfileState state = profile.State;
        var key = new DeviceKey(state.TenantId, DeviceNames.IdOf(name));
        if (await PrepareAsync(key, name, cancellationToken) is string refusal)
        {
            CarmenDiagnostics.DevicesProvisioned.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            return ProvisionResult.Failed(refusal);
        }

        ProvisionResult result = await GrainFactory.GetGrain<IDeviceGrain>(key.ToString()).ProvisionAsync(request.AccessToken, request.Basic, cancellationToken);
        if (result.Succeeded)
        {
            state.DevicesProvisioned++;
            await profile.WriteStateAsync(cancellationToken);
            LogProvisioned(state.TenantId, key.DeviceId, state.Name);
            await RecordProvisionedAsync(key, name, result.Basic is null ? "accessToken" : "mqttBasic", cancellationToken);
        }

        CarmenDiagnostics.DevicesProvisioned.Add(1, new KeyValuePair<string, object?>("outcome", result.Succeeded ? "provisioned" : "failed"));
        return result;
    }

    /// <summary>Registers the device (new devices) or checks it was registered beforehand; why not, or null.</summary>
    private async Task<string?> PrepareAsync(DeviceKey key, string name, CancellationToken cancellationToken)
    {
        ProvisioningProfileState state = profile.State;
        if (state.Strategy == ProvisioningStrategy.CheckPreProvisionedDevices)
        {
            // The id follows from the name alone (DeviceNames), so the device registered under it is the one named.
            try
            {
                await GrainFactory.GetGrain<IDeviceGrain>(key.ToString()).GetAsync(cancellationToken);
                return null;
            }
            catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
            {
                return $"No device named '{name}' was registered for provisioning.";
            }
        }

        IReadOnlyList<DeviceRegistrationOutcome> outcomes = await GrainFactory.GetGrain<IDeviceRegistrarGrain>(0).RegisterAsync(
            state.TenantId, [new DeviceDraft(key.DeviceId, name, state.ClusterId, state.Type)], Guid.NewGuid().ToString("N"), 0, cancellationToken);
        return outcomes[0].Succeeded ? null
            : outcomes[0].Errors.Any(error => error.Kind == ErrorKind.Conflict && error.Field == "id") ? $"A device named '{name}' already exists."
            : string.Join(" ", outcomes[0].Errors.Select(error => error.Message));
    }

    private ProvisioningProfile ToProfile()
    {
        ProvisioningProfileState state = profile.State;
        return new ProvisioningProfile(state.TenantId, Key, state.Name, state.Strategy, state.ClusterId, state.Type, state.CreatedAt, state.DevicesProvisioned);
    }

    /// <summary>Credentials issued with no operator's call: the tenant's audit trail has it as the device's own act.</summary>
    private async Task RecordProvisionedAsync(DeviceKey key, string name, string credentials, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(AuditSources.Device, new AuditActor(AuditActorKinds.Device, key.DeviceId), "deviceProvisioned", "devices", key.DeviceId,
            $"device:{key.DeviceId}", 0,
            [new AuditChange("provisioningProfile", null, JsonSerializer.Serialize(profile.State.Name)), new AuditChange("name", null, JsonSerializer.Serialize(name)),
                new AuditChange("credentials", null, JsonSerializer.Serialize(credentials))]);
        try
        {
            await GrainFactory.GetGrain<IAuditTrailGrain>(key.TenantId).AppendAsync(entry, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The device has its credentials either way; the trail's own health check reports that it is failing.
            LogUnrecorded(failure, key.TenantId, key.DeviceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {TenantId}/{DeviceId} was provisioned, but the audit trail did not take the record")]
    private partial void LogUnrecorded(Exception failure, string tenantId, string deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} created provisioning profile '{Name}' ({Strategy})")]
    private partial void LogCreated(string tenantId, string name, ProvisioningStrategy strategy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId} provisioned itself through profile '{Profile}'")]
    private partial void LogProvisioned(string tenantId, string deviceId, string profile);
}
