namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// The connectivity side of a device grain (same grain as IDeviceGrain, same key): what the MQTT bridge calls for a
/// connection's life and its messages, and what the API reads back. It includes the RPC side, which the bridge
/// needs for the device's answers and subscriptions.
/// </summary>
[Alias("Carmen.IConnectedDeviceGrain")]
public interface IConnectedDeviceGrain : IRpcDeviceGrain
{
    /// <summary>Checks an MQTT CONNECT's access token (its SHA-256 hash) and whether the device may connect now.</summary>
    [Alias("Authorize")]
    Task<ConnectDecision> AuthorizeAsync(string accessTokenHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a device certificate presented in a TLS handshake (its serial number and SHA-256 fingerprint): one of
    /// this device's, issued by its tenant's CA, unrevoked, within its validity; and whether the device may connect now.
    /// </summary>
    [Alias("AuthorizeCertificate")]
    Task<BasicAuthorization> AuthorizeCertificateAsync(string serialNumber, string sha256Fingerprint, CancellationToken cancellationToken = default);

    /// <summary>One of the device's certificates was revoked: a live connection that signed in with it is closed.</summary>
    [Alias("CertificateRevoked")]
    Task CertificateRevokedAsync(string serialNumber, CancellationToken cancellationToken = default);

    /// <summary>Checks an MQTT CONNECT's basic credentials (client id, username, password) and whether the device may connect now.</summary>
    [Alias("AuthorizeBasic")]
    Task<BasicAuthorization> AuthorizeBasicAsync(MqttBasicCredentials connect, CancellationToken cancellationToken = default);

    /// <summary>
    /// The connection is up: the device goes online and an older connection of it is closed. Answers why the new
    /// connection must be closed instead, or null: when the device may no longer connect (its credentials, as the
    /// stamp the authorization accepted, may have been changed since), or when a newer connection of it is already
    /// registered (two connects racing). The stamp of an access token is its hash.
    /// </summary>
    [Alias("Connected")]
    Task<DeviceCloseReason?> ConnectedAsync(DeviceConnection connection, string credentialStamp, CancellationToken cancellationToken = default);

    /// <summary>
    /// External broker mode: the broker authenticated the device and forwarded its traffic or its "online" status. The
    /// device comes online through <see cref="DeviceConnection.Brokered"/> if it may connect now; false when it may not
    /// (unknown, quarantined, decommissioned, tenant suspended), so its traffic is refused.
    /// </summary>
    [Alias("BrokeredOnline")]
    Task<bool> BrokeredOnlineAsync(CancellationToken cancellationToken = default);

    /// <summary>The connection ended (clean disconnect, keep-alive expiry, network loss); ignored when it is not the current one.</summary>
    [Alias("Disconnected")]
    Task DisconnectedAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>The platform no longer lets the device connect (its tenant was suspended): its live connection is closed.</summary>
    [Alias("Revoke")]
    Task RevokeConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>The silo holding the device's connection died: the device goes offline unless it has reconnected elsewhere.</summary>
    [Alias("GatewayLost")]
    Task GatewayLostAsync(string gateway, CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts telemetry from the device; when this completes, the points are the device's latest values. Through an
    /// external broker (<see cref="DeviceConnection.Brokered"/>) it throws <see cref="UnauthorizedAccessException"/>
    /// when the device may not send now.
    /// </summary>
    [Alias("PublishTelemetry")]
    Task PublishTelemetryAsync(string connectionId, TelemetryPoint[] points, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="PublishTelemetryAsync"/>, and completes only once the points are committed to history (the
    /// acknowledgement mode "stored"): the device's next call waits for the commit, other devices do not.
    /// </summary>
    [Alias("PublishStoredTelemetry")]
    Task PublishStoredTelemetryAsync(string connectionId, TelemetryPoint[] points, CancellationToken cancellationToken = default);

    /// <summary>
    /// Acts on telemetry the silo's ingest shard took for the grain between its turns that needs the grain itself (an
    /// alert raised or cleared, the alert clock to set); completes once that is done. Any call does it; this one does
    /// only that.
    /// </summary>
    [Alias("SettleIngested")]
    Task SettleIngestedAsync(CancellationToken cancellationToken = default);

    /// <summary>Merges client attributes the device reported (values are JSON texts); durable when this completes. Refused like telemetry.</summary>
    [Alias("PublishClientAttributes")]
    Task PublishClientAttributesAsync(string connectionId, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default);

    /// <summary>Counts a message refused from the device, for its diagnostics.</summary>
    [Alias("RecordRejection")]
    Task RecordRejectionAsync(RejectedMessage rejection, CancellationToken cancellationToken = default);

    /// <summary>Client, shared and server attributes; null key lists mean all keys of that scope.</summary>
    [Alias("GetAttributes")]
    Task<AttributeSnapshot> GetAttributesAsync(IReadOnlyList<string>? clientKeys = null, IReadOnlyList<string>? sharedKeys = null, CancellationToken cancellationToken = default);

    /// <summary>The latest value of each telemetry key (or of the given keys that have one).</summary>
    [Alias("GetLatestTelemetry")]
    Task<IReadOnlyDictionary<string, TimestampedValue>> GetLatestTelemetryAsync(IReadOnlyList<string>? keys = null, CancellationToken cancellationToken = default);

    /// <summary>The connection subscribed to update actions (v1/devices/me/ota/action): the current one goes out now.</summary>
    [Alias("UpdatesSubscribed")]
    Task UpdatesSubscribedAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Connection and message counters.</summary>
    [Alias("GetDiagnostics")]
    Task<DeviceDiagnostics> GetDiagnosticsAsync(CancellationToken cancellationToken = default);
}
