using System.Net;
using Carmen.Api.Auth;
using Carmen.Api.Security;
using Carmen.Grains.Devices;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Mqtt.DeviceApi;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// MQTT CONNECT and the connection's end: the access token (the MQTT username, ThingsBoard's convention) is looked
/// up by its hash in the device index, the device grain decides, and the grain is told when the connection comes
/// and goes so presence follows it.
/// </summary>
internal sealed partial class DeviceConnectionGate(
    IGrainFactory grains,
    IDeviceIndex index,
    DeviceSessions sessions,
    [FromKeyedServices(MqttOptions.SectionName)] FailureThrottle throttle,
    TenantRateLimits rateLimits,
    SecurityEventSink events,
    MqttCredentialRefusals refusals,
    TimeProvider time,
    ILogger<DeviceConnectionGate> logger)
{
    internal const string SessionItem = "carmen.device";

    public IDeviceLink? Link { get; set; }

    public string Gateway { get; set; } = "";

    public async Task ValidateAsync(ValidatingConnectionEventArgs connect)
    {
        IPAddress? address = (connect.RemoteEndPoint as IPEndPoint)?.Address;
        if (throttle.IsBlocked(address))
        {
            Refuse(connect, MqttConnectReasonCode.Banned, "blocked");
            return;
        }

        if (!MqttClientIds.IsAcceptable(connect.ClientId))
        {
            Refuse(connect, MqttConnectReasonCode.ClientIdentifierNotValid, "client_id_invalid");
            return;
        }

        if (connect.UserName == ProvisioningSession.Username && string.IsNullOrEmpty(connect.Password))
        {
            AcceptForProvisioning(connect, address);
            return;
        }

        if (await AuthenticateAsync(connect) is not (DeviceKey device, string stamp, ConnectDecision decision) || decision == ConnectDecision.BadCredentials)
        {
            RefuseCredentials(connect, address);
            return;
        }

        if (decision == ConnectDecision.NotAuthorized)
        {
            Refuse(connect, MqttConnectReasonCode.NotAuthorized, "not_authorized");
            LogRefused(device.TenantId, device.DeviceId, "quarantined, decommissioned or tenant suspended");
            return;
        }

        var grain = grains.GetGrain<IConnectedDeviceGrain>(device.ToString());
        string clientId = ClientIdOf(connect);
        if (sessions.ByClientId(clientId) is DeviceSession holder && holder.Device != device)
        {
            // Same client id as another device on this silo: letting the broker take the session over would let one
            // device (of any tenant) disconnect another.
            Refuse(connect, MqttConnectReasonCode.ClientIdentifierNotValid, "client_id_in_use");
            return;
        }

        AssignClientId(connect, clientId);

        DeviceRates rates = await rateLimits.ForDeviceAsync(device.TenantId, connect.CancellationToken);
        connect.SessionItems[SessionItem] = new DeviceSession(device, clientId, stamp, grain, rates, sessions) { AcceptedAt = time.GetUtcNow() };
        connect.ReasonCode = MqttConnectReasonCode.Success;
    }

    public async Task ConnectedAsync(ClientConnectedEventArgs connected)
    {
        if (connected.SessionItems[SessionItem] is not DeviceSession session)
        {
            return;
        }

        sessions.Add(session);
        var connection = new DeviceConnection(
            session.ConnectionId, session.ClientId, Link!, Gateway, connected.RemoteEndPoint?.ToString(),
            ProtocolName(connected.ProtocolVersion), session.AcceptedAt);
        session.Connection = connection;
        if (await session.Grain.ConnectedAsync(connection, session.CredentialStamp) is DeviceCloseReason refused)
        {
            await sessions.CloseAsync(session.ClientId, refused);
        }
    }

    public async Task DisconnectedAsync(ClientDisconnectedEventArgs disconnected)
    {
        if (disconnected.SessionItems?[SessionItem] is not DeviceSession session)
        {
            return;
        }

        sessions.Remove(session);
        await Task.WhenAll(session.Grain.DisconnectedAsync(session.ConnectionId), session.Gateway?.DisconnectAllAsync() ?? Task.CompletedTask);
    }

    /// <summary>
    /// Which device the CONNECT's credentials name, the device grain's decision, and the stamp of the credentials
    /// accepted; null when they name no device. An access token (ThingsBoard's convention: the username, no password)
    /// is tried first; then basic credentials, where the username names the device, or else the client id.
    /// </summary>
    private async Task<(DeviceKey Device, string Stamp, ConnectDecision Decision)?> AuthenticateAsync(ValidatingConnectionEventArgs connect)
    {
        CancellationToken cancellationToken = connect.CancellationToken;
        if (!string.IsNullOrEmpty(connect.UserName) && string.IsNullOrEmpty(connect.Password))
        {
            string hash = AccessTokens.Hash(connect.UserName);
            if (await index.FindByAccessTokenHashAsync(hash, cancellationToken) is DeviceKey holder)
            {
                return (holder, hash, await grains.GetGrain<IConnectedDeviceGrain>(holder.ToString()).AuthorizeAsync(hash, cancellationToken));
            }
        }

        DeviceKey? named = !string.IsNullOrEmpty(connect.UserName) ? await index.FindByMqttUsernameAsync(connect.UserName, cancellationToken)
            : !string.IsNullOrEmpty(connect.ClientId) ? await index.FindByMqttClientIdAsync(connect.ClientId, cancellationToken)
            : null;
        if (named is not DeviceKey device)
        {
            return null;
        }

        BasicAuthorization authorization = await grains.GetGrain<IConnectedDeviceGrain>(device.ToString())
            .AuthorizeBasicAsync(new MqttBasicCredentials(connect.ClientId, connect.UserName, connect.Password), cancellationToken);
        return (device, authorization.CredentialStamp ?? "", authorization.Decision);
    }

    /// <summary>A device without credentials yet, come to provision itself: it may use the provisioning topics only.</summary>
    private void AcceptForProvisioning(ValidatingConnectionEventArgs connect, IPAddress? address)
    {
        string clientId = ClientIdOf(connect);
        if (sessions.ByClientId(clientId) is not null)
        {
            Refuse(connect, MqttConnectReasonCode.ClientIdentifierNotValid, "client_id_in_use");
            return;
        }

        AssignClientId(connect, clientId);

        connect.SessionItems[ProvisioningSession.SessionItem] = new ProvisioningSession(clientId, address);
        connect.ReasonCode = MqttConnectReasonCode.Success;
    }

    /// <summary>The client id the connection goes by: its own, or one made for a client that sent none.</summary>
    private static string ClientIdOf(ValidatingConnectionEventArgs connect) =>
        string.IsNullOrEmpty(connect.ClientId) ? $"carmen-{Guid.NewGuid():N}" : connect.ClientId;

    /// <summary>Tells a client that sent no id the one it goes by (MQTT 5's assigned client identifier).</summary>
    private static void AssignClientId(ValidatingConnectionEventArgs connect, string clientId)
    {
        if (string.IsNullOrEmpty(connect.ClientId))
        {
            connect.AssignedClientIdentifier = clientId;
        }
    }

    private void RefuseCredentials(ValidatingConnectionEventArgs connect, IPAddress? address)
    {
        bool banned = throttle.RecordFailure(address);
        refusals.Add();
        Refuse(connect, MqttConnectReasonCode.BadUserNameOrPassword, "bad_credentials");

        // Named by client id only: a ThingsBoard username is the device's token. The tenant is unknown, so the platform's trail.
        var device = new AuditActor(AuditActorKinds.Device, connect.ClientId ?? "");
        events.Record(null, SecurityEventTypes.MqttConnectRefused, device, address, targetType: "mqtt", targetId: connect.ClientId ?? "", details: ("reason", "badCredentials"));
        if (banned)
        {
            events.Record(null, SecurityEventTypes.MqttAddressBanned, device, address, targetType: "mqtt", targetId: address?.ToString() ?? "",
                details: ("until", throttle.BlockedUntil(address)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static void Refuse(ValidatingConnectionEventArgs connect, MqttConnectReasonCode reason, string tag)
    {
        connect.ReasonCode = reason;
        CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", tag));
    }

    private static string ProtocolName(MQTTnet.Formatter.MqttProtocolVersion version) => version switch
    {
        MQTTnet.Formatter.MqttProtocolVersion.V500 => "5.0",
        MQTTnet.Formatter.MqttProtocolVersion.V311 => "3.1.1",
        _ => "3.1",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connection of {TenantId}/{DeviceId} refused: {Reason}")]
    private partial void LogRefused(string tenantId, string deviceId, string reason);
}
