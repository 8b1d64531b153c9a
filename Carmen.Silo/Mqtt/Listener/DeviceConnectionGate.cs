using System.Net;
using Carmen.Api.Auth;
using Carmen.Api.Security;
using Carmen.Grains.Devices;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Pki;
using Carmen.Silo.Mqtt.DeviceApi;
using Carmen.Silo.Mqtt.Protocol;
using MQTTnet.Protocol;

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
    public IDeviceLink? Link { get; set; }

    public string Gateway { get; set; } = "";

    /// <summary>Decides about a CONNECT; an accepted one carries its <see cref="DeviceSession"/> or <see cref="ProvisioningSession"/>.</summary>
    public async Task<MqttConnectVerdict> ValidateAsync(MqttConnection connection, MqttConnect connect, CancellationToken cancellationToken)
    {
        IPAddress? address = connection.RemoteAddress;
        if (throttle.IsBlocked(address))
        {
            return Refuse(MqttConnectReasonCode.Banned, "blocked");
        }

        if (!MqttClientIds.IsAcceptable(connect.ClientId))
        {
            return Refuse(MqttConnectReasonCode.ClientIdentifierNotValid, "client_id_invalid");
        }

        if (connect.UserName == ProvisioningSession.Username && string.IsNullOrEmpty(connect.Password))
        {
            return AcceptForProvisioning(connection, connect, address);
        }

        if (await AuthenticateAsync(connection, connect, cancellationToken) is not (DeviceKey device, string stamp, ConnectDecision decision) || decision == ConnectDecision.BadCredentials)
        {
            return RefuseCredentials(connect, address);
        }

        if (decision == ConnectDecision.NotAuthorized)
        {
            LogRefused(device.TenantId, device.DeviceId, "quarantined, decommissioned or tenant suspended");
            return Refuse(MqttConnectReasonCode.NotAuthorized, "not_authorized");
        }

        var grain = grains.GetGrain<IConnectedDeviceGrain>(device.ToString());
        string clientId = ClientIdOf(connect);
        if (sessions.ByClientId(clientId) is DeviceSession holder && holder.Device != device)
        {
            // Same client id as another device on this silo: letting the connection take the session over would let
            // one device (of any tenant) disconnect another.
            return Refuse(MqttConnectReasonCode.ClientIdentifierNotValid, "client_id_in_use");
        }

        DeviceRates rates = await rateLimits.ForDeviceAsync(device.TenantId, cancellationToken);
        var session = new DeviceSession(device, clientId, stamp, grain, rates, connection, sessions) { AcceptedAt = time.GetUtcNow() };
        return new MqttConnectVerdict(0, clientId, session);
    }

    public async Task ConnectedAsync(MqttConnection transport)
    {
        if (transport.Session is not DeviceSession session)
        {
            return;
        }

        sessions.Add(session);
        var connection = new DeviceConnection(
            session.ConnectionId, session.ClientId, Link!, Gateway, transport.RemoteEndPoint?.ToString(),
            ProtocolName(transport.Level), session.AcceptedAt)
        {
            CertificateSerial = CertificateStamps.Parse(session.CredentialStamp)?.SerialNumber,
        };
        session.Connection = connection;
        if (await session.Grain.ConnectedAsync(connection, session.CredentialStamp) is DeviceCloseReason refused)
        {
            await session.CloseAsync(refused);
        }
    }

    public async Task DisconnectedAsync(MqttConnection transport)
    {
        if (transport.Session is not DeviceSession session)
        {
            return;
        }

        sessions.Remove(session);
        await Task.WhenAll(session.Grain.DisconnectedAsync(session.ConnectionId), session.Gateway?.DisconnectAllAsync() ?? Task.CompletedTask);
    }

    /// <summary>
    /// Which device the CONNECT's credentials name, the device grain's decision, and the stamp of the credentials
    /// accepted; null when they name no device. A device certificate presented in the TLS handshake decides alone (a
    /// revoked one is refused whatever else the CONNECT carries); then an access token (ThingsBoard's convention: the
    /// username, no password); then basic credentials, where the username names the device, or else the client id.
    /// </summary>
    private async Task<(DeviceKey Device, string Stamp, ConnectDecision Decision)?> AuthenticateAsync(
        MqttConnection connection, MqttConnect connect, CancellationToken cancellationToken)
    {
        if (connection.ClientCertificate is { } certificate && await DeviceCertificates.IdentifyAsync(grains, certificate, cancellationToken) is var (signedIn, serialNumber, fingerprint))
        {
            BasicAuthorization byCertificate = await grains.GetGrain<IConnectedDeviceGrain>(signedIn.ToString())
                .AuthorizeCertificateAsync(serialNumber, fingerprint, cancellationToken);
            return (signedIn, byCertificate.CredentialStamp ?? "", byCertificate.Decision);
        }

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
    private MqttConnectVerdict AcceptForProvisioning(MqttConnection connection, MqttConnect connect, IPAddress? address)
    {
        string clientId = ClientIdOf(connect);
        return sessions.ByClientId(clientId) is not null
            ? Refuse(MqttConnectReasonCode.ClientIdentifierNotValid, "client_id_in_use")
            : new MqttConnectVerdict(0, clientId, new ProvisioningSession(clientId, address, connection));
    }

    /// <summary>The client id the connection goes by: its own, or one made for a client that sent none (told to an MQTT 5 client in the CONNACK).</summary>
    private static string ClientIdOf(MqttConnect connect) =>
        string.IsNullOrEmpty(connect.ClientId) ? $"carmen-{Guid.NewGuid():N}" : connect.ClientId;

    private MqttConnectVerdict RefuseCredentials(MqttConnect connect, IPAddress? address)
    {
        bool banned = throttle.RecordFailure(address);
        refusals.Add();

        // Named by client id only: a ThingsBoard username is the device's token. The tenant is unknown, so the platform's trail.
        var device = new AuditActor(AuditActorKinds.Device, connect.ClientId ?? "");
        events.Record(null, SecurityEventTypes.MqttConnectRefused, device, address, targetType: "mqtt", targetId: connect.ClientId ?? "", details: ("reason", "badCredentials"));
        if (banned)
        {
            events.Record(null, SecurityEventTypes.MqttAddressBanned, device, address, targetType: "mqtt", targetId: address?.ToString() ?? "",
                details: ("until", throttle.BlockedUntil(address)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return Refuse(MqttConnectReasonCode.BadUserNameOrPassword, "bad_credentials");
    }

    private static MqttConnectVerdict Refuse(MqttConnectReasonCode reason, string tag)
    {
        CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", tag));
        return MqttConnectVerdict.Refused((byte)reason);
    }

    private static string ProtocolName(MqttProtocolLevel level) => level switch
    {
        MqttProtocolLevel.V500 => "5.0",
        MqttProtocolLevel.V311 => "3.1.1",
        _ => "3.1",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connection of {TenantId}/{DeviceId} refused: {Reason}")]
    private partial void LogRefused(string tenantId, string deviceId, string reason);
}
