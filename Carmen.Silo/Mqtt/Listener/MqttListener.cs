using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Silo.Mqtt.DeviceApi;
using Carmen.Silo.Mqtt.Protocol;
using MQTTnet.Protocol;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// This silo's embedded MQTT listener (on TCP, TLS when a certificate is configured, WebSocket through the HTTP port)
/// and its link to the grid. A listener, not a broker: it routes nothing between clients, every message goes to a
/// device grain. Device grains reach connections here through one observer reference per silo, which they keep
/// with the connection: outbound messages take one call from the grain to this silo, wherever the grain is active.
/// </summary>
internal sealed class MqttListener(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    DeviceSessions sessions,
    DeviceConnectionGate gate,
    DevicePublishHandler publishes,
    GatewayApiRouter gateways,
    MqttConnections connections,
    TimeProvider time) : IHostedService, IDeviceLink, IMqttSessionHandler
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        gate.Link = grains.CreateObjectReference<IDeviceLink>(this);
        gate.Gateway = silo.SiloAddress.ToString();
        return Task.CompletedTask;
    }

    /// <summary>Ends every connection (MQTT 5 devices are told the server is shutting down); the TCP listener has stopped accepting by now.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => connections.CloseAllAsync((byte)MqttDisconnectReasonCode.ServerShuttingDown, TimeSpan.FromSeconds(5));

    public async Task<bool> SendAsync(string connectionId, DeviceMessage message) =>
        sessions.TryGet(connectionId, out DeviceSession session) ? await sessions.DeliverAsync(session, message)
        : sessions.TryGetChild(connectionId, out GatewayChild child) && await child.Gateway.DeliverAsync(child, message);

    public async Task CloseAsync(string connectionId, DeviceCloseReason reason)
    {
        if (sessions.TryGet(connectionId, out DeviceSession session))
        {
            await session.CloseAsync(reason);
        }
        else if (sessions.TryGetChild(connectionId, out GatewayChild child))
        {
            child.Gateway.Release(child); // the gateway's own connection stays
        }
    }

    public Task<MqttConnectVerdict> ConnectAsync(MqttConnection connection, MqttConnect connect) => gate.ValidateAsync(connection, connect, CancellationToken.None);

    public Task ConnectedAsync(MqttConnection connection) => gate.ConnectedAsync(connection);

    public ValueTask<MqttReason> PublishAsync(MqttConnection connection, MqttPublish publish) => publishes.HandleAsync(connection, publish);

    public Task DisconnectedAsync(MqttConnection connection) => gate.DisconnectedAsync(connection);

    /// <summary>A device subscribes to its own slice of the device API only; anything else is refused and counted.</summary>
    public async Task<MqttReason> SubscribeAsync(MqttConnection connection, string filter, byte qos)
    {
        var granted = new MqttReason(Math.Min(qos, (byte)1));
        if (connection.Session is ProvisioningSession provisioning)
        {
            // Answers go to the connection directly, as a device's do: nothing is routed between clients.
            if (filter != ProvisioningSession.ResponseTopic)
            {
                return new MqttReason((byte)MqttSubscribeReasonCode.NotAuthorized);
            }

            provisioning.ResponseQos = (MqttQualityOfServiceLevel)granted.Code;
            return granted;
        }

        if (connection.Session is not DeviceSession session)
        {
            return new MqttReason((byte)MqttSubscribeReasonCode.NotAuthorized);
        }

        if (DeviceSubscriptions.Classify(filter) is DeviceSubscription subscription && await MaySubscribeAsync(session, subscription))
        {
            session.Subscribe(subscription, (MqttQualityOfServiceLevel)granted.Code);
            if (subscription == DeviceSubscription.RpcRequests)
            {
                await session.Grain.RpcSubscribedAsync(session.ConnectionId);
            }
            else if (subscription == DeviceSubscription.UpdateActions)
            {
                await session.Grain.UpdatesSubscribedAsync(session.ConnectionId);
            }
            else if (subscription == DeviceSubscription.GatewayRpc)
            {
                await Task.WhenAll(session.Gateway!.Children.Select(child => child.Grain.RpcSubscribedAsync(child.ConnectionId)));
            }

            return granted;
        }

        await session.Grain.RecordRejectionAsync(new RejectedMessage(filter, RejectionReason.TopicNotAllowed, "subscription refused", time.GetUtcNow()));
        return new MqttReason(
            (byte)MqttSubscribeReasonCode.NotAuthorized,
            $"Devices subscribe to their own device API topics only (v1/devices/me/..., and v1/gateway/... for a gateway); '{filter}' is not one.");
    }

    public void Unsubscribe(MqttConnection connection, string filter)
    {
        if (connection.Session is DeviceSession session && DeviceSubscriptions.Classify(filter) is DeviceSubscription subscription)
        {
            session.Unsubscribe(subscription);
        }
    }

    /// <summary>The gateway API's topics are a gateway's only.</summary>
    private async Task<bool> MaySubscribeAsync(DeviceSession session, DeviceSubscription subscription)
    {
        if (!DeviceSubscriptions.IsGatewayApi(subscription))
        {
            return true;
        }

        try
        {
            await gateways.RequireGatewayAsync(session);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
