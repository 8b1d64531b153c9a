using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Devices;

/// <summary>One device: registration, credentials, attributes and lifecycle. Keyed by <see cref="DeviceKey"/>.</summary>
[Alias("Carmen.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the device. The caller has already been admitted by the tenant (cluster exists, quota slot reserved).
    /// A repeat with the same <paramref name="requestId"/> is answered as the first was, with a freshly issued token,
    /// so an interrupted import can be replayed; any other repeat is a conflict.
    /// </summary>
    [Alias("Register")]
    Task<DeviceRegistration> RegisterAsync(DeviceDraft draft, string requestId, CancellationToken cancellationToken = default);

    /// <summary>The device; not found when it was never registered or was purged.</summary>
    [Alias("Get")]
    Task<DeviceInfo> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes name, type, labels, cluster or quarantine.</summary>
    [Alias("Update")]
    Task<DeviceInfo> UpdateAsync(DeviceUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Issues a new access token (or sets the given one) and revokes the old one.</summary>
    [Alias("RotateCredentials")]
    Task<DeviceRegistration> RotateCredentialsAsync(string? accessToken, CancellationToken cancellationToken = default);

    /// <summary>Replaces the device's credentials with MQTT basic credentials; its access token, if any, is revoked.</summary>
    [Alias("SetBasicCredentials")]
    Task<DeviceInfo> SetBasicCredentialsAsync(MqttBasicCredentials credentials, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues the credentials a device asked for when provisioning itself (<paramref name="basic"/> ones it chose, or an
    /// access token, its own or generated), once: a device provisioned before is refused, as is one out of service.
    /// </summary>
    [Alias("Provision")]
    Task<Provisioning.ProvisionResult> ProvisionAsync(string? accessToken, MqttBasicCredentials? basic, CancellationToken cancellationToken = default);

    /// <summary>Replaces the shared attributes (values are JSON texts).</summary>
    [Alias("ReplaceSharedAttributes")]
    Task<DeviceInfo> ReplaceSharedAttributesAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default);

    /// <summary>Replaces the server attributes (values are JSON texts).</summary>
    [Alias("ReplaceServerAttributes")]
    Task<DeviceInfo> ReplaceServerAttributesAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default);

    /// <summary>Retires the device: credentials revoked, quota slot handed back, record kept.</summary>
    [Alias("Decommission")]
    Task<DeviceInfo> DecommissionAsync(CancellationToken cancellationToken = default);

    /// <summary>Erases the device entirely; only a decommissioned device can be purged.</summary>
    [Alias("Purge")]
    Task PurgeAsync(CancellationToken cancellationToken = default);
}
