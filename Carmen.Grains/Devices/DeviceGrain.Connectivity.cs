using System.Text.Json;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Pki;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Devices;

/// <summary>
/// The device's connection and traffic: presence from the MQTT bridge's connect and disconnect calls, latest telemetry
/// and client attributes from its messages, and pushes back to the device through the link of the silo holding it.
/// Presence is written at connect and disconnect only; message counters and last-seen time between them live in memory.
/// </summary>
public sealed partial class DeviceGrain : IConnectedDeviceGrain
{
    private const int RecentRejectionsKept = 20;
    private const int ClosedConnectionsKept = 8;

    private readonly Dictionary<RejectionReason, long> _rejected = [];
    private readonly Queue<RejectedMessage> _recentRejections = new();
    private readonly Queue<string> _closedConnections = new();
    private long _messagesReceived;
    private long _pointsReceived;
    private DateTimeOffset? _lastSeenAt;

    public async Task<ConnectDecision> AuthorizeAsync(string accessTokenHash, CancellationToken cancellationToken)
    {
        if (!IsRegistered || device.State.UsesBasicCredentials || device.State.AccessTokenHash != accessTokenHash)
        {
            return ConnectDecision.BadCredentials;
        }

        return await MayConnectAsync(cancellationToken) ? ConnectDecision.Accepted : ConnectDecision.NotAuthorized;
    }

    public async Task<DeviceCloseReason?> ConnectedAsync(DeviceConnection connection, string credentialStamp, CancellationToken cancellationToken)
    {
        if (!IsRegistered || (CredentialStamp() != credentialStamp && !await HoldsCertificateAsync(CertificateStamps.Parse(credentialStamp), cancellationToken)))
        {
            RememberClosed(connection.ConnectionId);
            return DeviceCloseReason.NotAuthorized;
        }

        return await ComeOnlineAsync(connection, cancellationToken);
    }

    /// <summary>A connection whose credentials were checked: online unless the device may not connect now or a newer connection won.</summary>
    private async Task<DeviceCloseReason?> ComeOnlineAsync(DeviceConnection connection, CancellationToken cancellationToken)
    {
        if (!await MayConnectAsync(cancellationToken))
        {
            RememberClosed(connection.ConnectionId);
            return DeviceCloseReason.NotAuthorized;
        }

        DeviceConnection? previous = device.State.Connection;
        if (previous is not null && previous.ConnectionId != connection.ConnectionId && previous.ConnectedAt > connection.ConnectedAt)
        {
            RememberClosed(connection.ConnectionId);
            return DeviceCloseReason.SessionTakenOver;
        }

        ReportIfShared(previous, connection);
        await GoOnlineAsync(connection, cancellationToken);

        // Asked again now that the connection is in the index: a suspension that listed the tenant's connected devices
        // before this one was indexed has changed the tenant's status by now, so one of the two always closes it.
        if (!await MayConnectAsync(cancellationToken))
        {
            RememberClosed(connection.ConnectionId);
            await ForgetConnectionAsync(cancellationToken);
            return DeviceCloseReason.NotAuthorized;
        }

        await TakePostedAsync(cancellationToken); // posted while it was offline and its grain awake
        return null;
    }

    /// <summary>Registers the connection and saves it; an older connection of the device is closed.</summary>
    private async Task GoOnlineAsync(DeviceConnection connection, CancellationToken cancellationToken)
    {
        DeviceState state = device.State;
        DeviceConnection? previous = state.Connection;
        state.Connection = connection;
        state.Status = state.Status == DeviceStatus.Isolated ? DeviceStatus.Isolated : DeviceStatus.Online;
        state.LastSeenAt = _lastSeenAt = connection.ConnectedAt;
        await SaveAsync(cancellationToken);
        if (previous is not null && previous.ConnectionId != connection.ConnectionId)
        {
            RememberClosed(previous.ConnectionId);
            await TellLinkAsync(previous, link => link.CloseAsync(previous.ConnectionId, DeviceCloseReason.SessionTakenOver));
        }

        CarmenDiagnostics.DeviceConnections.Add(1, new KeyValuePair<string, object?>("outcome", "connected"));
        LogConnected(Key.TenantId, Key.DeviceId, connection.ClientId, connection.Gateway, connection.RemoteAddress);
        FollowConnection(connection);
        await EvaluateAlertsAsync(); // an offline alert clears
    }

    public async Task DisconnectedAsync(string connectionId, CancellationToken cancellationToken)
    {
        DeviceState state = device.State;
        if (!IsRegistered || state.Connection?.ConnectionId != connectionId)
        {
            return;
        }

        state.LastSeenAt = _lastSeenAt ?? time.GetUtcNow();
        await ForgetConnectionAsync(cancellationToken);
        CarmenDiagnostics.DeviceConnections.Add(1, new KeyValuePair<string, object?>("outcome", "disconnected"));
        LogDisconnected(Key.TenantId, Key.DeviceId);
        await EvaluateAlertsAsync(); // arms the clock for offline rules
    }

    public Task RevokeConnectionAsync(CancellationToken cancellationToken) =>
        IsRegistered ? CloseConnectionAsync(DeviceCloseReason.NotAuthorized, cancellationToken) : Task.CompletedTask;

    public async Task GatewayLostAsync(string gateway, CancellationToken cancellationToken)
    {
        if (IsRegistered && device.State.Connection is DeviceConnection connection && connection.Gateway == gateway)
        {
            await DisconnectedAsync(connection.ConnectionId, cancellationToken);
        }
    }

    public Task PublishTelemetryAsync(string connectionId, TelemetryPoint[] points, CancellationToken cancellationToken) =>
        PublishAsync(connectionId, points, stored: null, cancellationToken);

    public async Task PublishStoredTelemetryAsync(string connectionId, TelemetryPoint[] points, CancellationToken cancellationToken)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (await PublishAsync(connectionId, points, stored, cancellationToken))
        {
            await stored.Task;
        }
    }

    /// <summary>Takes the points; true when they were queued for history (<paramref name="stored"/> completes once they are written).</summary>
    private async Task<bool> PublishAsync(string connectionId, TelemetryPoint[] points, TaskCompletionSource? stored, CancellationToken cancellationToken)
    {
        await RequireAdmissionAsync(connectionId, cancellationToken);
        if (!IsRegistered || points.Length == 0)
        {
            return false;
        }

        TakeLatest(device.State, points);
        if (device.State.HealthWatch is { Breach: null, Verdict: null } watch)
        {
            await CheckHealthAsync(watch);
        }

        CountMessage(points, time.GetUtcNow());
        await telemetry.AcceptAsync(new DeviceTelemetry(Key, device.State.ClusterId, points) { Stored = stored }, cancellationToken);
        await TakeFirmwareStateAsync(points, cancellationToken);
        await EvaluateAlertsAsync(points);
        return true;
    }

    /// <summary>A telemetry message taken: counted for the diagnostics, and the latest values marked for saving at deactivation.</summary>
    private void CountMessage(TelemetryPoint[] points, DateTimeOffset now)
    {
        _unsavedChanges = true;
        _messagesReceived++;
        _pointsReceived += points.Length;
        _lastSeenAt = now;
    }

    private static void TakeLatest(DeviceState state, TelemetryPoint[] points)
    {
        Dictionary<string, TimestampedValue> latest = state.LatestTelemetry;
        foreach (TelemetryPoint point in points)
        {
            // A backlog flush may arrive after newer values; the latest value is the newest measurement, not the last message.
            if (!latest.TryGetValue(point.Key, out TimestampedValue current) || current.Timestamp <= point.Timestamp)
            {
                latest[point.Key] = new TimestampedValue(point.Timestamp, point.Value);
            }
        }
    }

    public async Task PublishClientAttributesAsync(string connectionId, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        await RequireAdmissionAsync(connectionId, cancellationToken);
        if (device.State.Status == DeviceStatus.Isolated)
        {
            // Containment keeps what the device says about itself as it was when the incident began.
            await RecordRejectionAsync(new RejectedMessage(DeviceTopics.Attributes, RejectionReason.Refused, $"isolated by incident {device.State.IsolatedBy}: only telemetry is taken", time.GetUtcNow()), cancellationToken);
            return;
        }

        device.State.ClientAttributes = AttributeLimits.Merge(device.State.ClientAttributes, attributes, "attributes");

        _messagesReceived++;
        _lastSeenAt = time.GetUtcNow();
        await device.WriteStateAsync(cancellationToken);
    }

    public Task RecordRejectionAsync(RejectedMessage rejection, CancellationToken cancellationToken)
    {
        _rejected[rejection.Reason] = _rejected.GetValueOrDefault(rejection.Reason) + 1;
        _recentRejections.Enqueue(rejection);
        if (_recentRejections.Count > RecentRejectionsKept)
        {
            _recentRejections.Dequeue();
        }

        return Task.CompletedTask;
    }

    public Task<AttributeSnapshot> GetAttributesAsync(IReadOnlyList<string>? clientKeys, IReadOnlyList<string>? sharedKeys, CancellationToken cancellationToken)
    {
        DeviceState state = RequireRegistered();
        Dictionary<string, string> shared = new(state.SharedAttributes);
        foreach ((string key, string value) in FirmwareAttributes(state, time.GetUtcNow()))
        {
            shared[key] = value; // ThingsBoard devices ask for their firmware among the shared attributes at boot
        }

        return Task.FromResult(new AttributeSnapshot(
            Select(state.ClientAttributes, clientKeys), Select(shared, sharedKeys), new Dictionary<string, string>(state.ServerAttributes)));
    }

    public Task<IReadOnlyDictionary<string, TimestampedValue>> GetLatestTelemetryAsync(IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, TimestampedValue>>(Select(RequireRegistered().LatestTelemetry, keys));

    public Task<DeviceDiagnostics> GetDiagnosticsAsync(CancellationToken cancellationToken)
    {
        DeviceState state = RequireRegistered();
        DeviceConnection? connection = state.Connection;
        return Task.FromResult(new DeviceDiagnostics(
            connection is not null, connection?.ClientId, connection?.Gateway, connection?.RemoteAddress, connection?.Protocol,
            connection?.ConnectedAt, _lastSeenAt ?? state.LastSeenAt, _messagesReceived, _pointsReceived,
            new Dictionary<RejectionReason, long>(_rejected), [.. _recentRejections]));
    }

    private async Task<bool> MayConnectAsync(CancellationToken cancellationToken) =>
        device.State.Status is not (DeviceStatus.Quarantined or DeviceStatus.Decommissioned)
        && await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).GetStatusAsync(cancellationToken) == TenantStatus.Active;

    /// <summary>Takes the device offline and closes its connection, when the platform no longer lets it connect.</summary>
    private async Task CloseConnectionAsync(DeviceCloseReason reason, CancellationToken cancellationToken)
    {
        if (device.State.Connection is not DeviceConnection connection)
        {
            return;
        }

        RememberClosed(connection.ConnectionId);
        await ForgetConnectionAsync(cancellationToken);
        await TellLinkAsync(connection, link => link.CloseAsync(connection.ConnectionId, reason));
    }

    /// <summary>
    /// A connection the grain closed or refused: its messages are refused from now on, even those already on their
    /// way while the silo holding it closes it. In memory only: by the time the grain is deactivated the close has landed.
    /// </summary>
    private void RememberClosed(string connectionId)
    {
        _closedConnections.Enqueue(connectionId);
        if (_closedConnections.Count > ClosedConnectionsKept)
        {
            _closedConnections.Dequeue();
        }
    }

    /// <summary>The device has no connection any more: offline (unless quarantined or retired), saved with its latest telemetry.</summary>
    private async Task ForgetConnectionAsync(CancellationToken cancellationToken)
    {
        DeviceState state = device.State;
        state.Connection = null;
        state.Status = state.Status == DeviceStatus.Online ? DeviceStatus.Offline : state.Status;
        _unsavedChanges = false;
        await SaveAsync(cancellationToken);
    }

    /// <summary>ThingsBoard's shared-attribute push: the changed keys with their values, and removed keys under "deleted".</summary>
    private async Task PushSharedAttributeChangesAsync(Dictionary<string, string> previous, Dictionary<string, string> current)
    {
        if (device.State.Connection is not DeviceConnection connection)
        {
            return;
        }

        var changed = current.Where(pair => !previous.TryGetValue(pair.Key, out string? old) || old != pair.Value).ToList();
        var deleted = previous.Keys.Where(key => !current.ContainsKey(key)).ToList();
        if (changed.Count == 0 && deleted.Count == 0)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach ((string key, string value) in changed)
            {
                json.WritePropertyName(key);
                json.WriteRawValue(value);
            }

            if (deleted.Count > 0)
            {
                json.WriteStartArray("deleted");
                deleted.ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        var message = new DeviceMessage(DeviceTopics.Attributes, buffer.ToArray());
        await TellLinkAsync(connection, link => link.SendAsync(connection.ConnectionId, message));
    }

    /// <summary>Calls the silo holding a connection; a silo that is gone means the connection is gone, which is not the caller's failure.</summary>
    private async Task TellLinkAsync(DeviceConnection connection, Func<IDeviceLink, Task> call)
    {
        if ((connection.Link ?? externalBroker?.LinkTo(Key)) is not IDeviceLink link)
        {
            LogNoExternalBroker(Key.TenantId, Key.DeviceId);
            return;
        }

        try
        {
            await call(link);
        }
        catch (Exception unreachable) when (unreachable is not OperationCanceledException)
        {
            LogLinkUnreachable(unreachable, Key.TenantId, Key.DeviceId, connection.Gateway);
        }
    }

    private static Dictionary<string, T> Select<T>(Dictionary<string, T> values, IReadOnlyList<string>? keys) =>
        keys is null
            ? new Dictionary<string, T>(values)
            : keys.Where(values.ContainsKey).Distinct().ToDictionary(key => key, key => values[key]);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {TenantId}/{DeviceId} connected as {ClientId} through {Gateway} from {RemoteAddress}")]
    private partial void LogConnected(string tenantId, string deviceId, string clientId, string gateway, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {TenantId}/{DeviceId} disconnected")]
    private partial void LogDisconnected(string tenantId, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {TenantId}/{DeviceId} is connected through an external broker, but this silo has no broker client (Carmen:Mqtt:Mode is not External)")]
    private partial void LogNoExternalBroker(string tenantId, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {TenantId}/{DeviceId}: the silo {Gateway} holding its connection did not answer")]
    private partial void LogLinkUnreachable(Exception exception, string tenantId, string deviceId, string gateway);
}
