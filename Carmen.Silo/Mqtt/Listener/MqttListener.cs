using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Silo.Mqtt.DeviceApi;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// This silo's embedded MQTT listener (on TCP, TLS when a certificate is configured, WebSocket through the HTTP port)
/// and its link to the grid. A listener, not a broker: it routes nothing between clients, every message goes to a
/// device grain. Device grains reach connections here through one observer reference per silo, which they keep
/// with the connection: outbound messages take one call from the grain to this silo, wherever the grain is active.
/// </summary>
internal sealed partial class MqttListener(
    IOptions<MqttOptions> options,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    DeviceSessions sessions,
    DeviceConnectionGate gate,
    DevicePublishHandler publishes,
    GatewayApiRouter gateways,
    MqttTcpListener tcp,
    MqttWebSocketListener webSockets,
    TimeProvider time,
    ILogger<MqttListener> logger) : IHostedService, IDeviceLink, IAsyncDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        MqttOptions settings = options.Value;
        var factory = new MqttServerFactory();

        // The listeners are Carmen's (address limits and the packet guard before MQTTnet reads a packet); MQTTnet's own
        // endpoints stay off. The communication timeout bounds how long a connection may take to send its CONNECT.
        MqttServerOptions serverOptions = factory.CreateServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithPersistentSessions(false)
            .WithDefaultCommunicationTimeout(settings.ConnectTimeout)
            .Build();
        IMqttServerAdapter[] adapters = [new ClientIdAssigningAdapter(tcp), new ClientIdAssigningAdapter(webSockets)];
        _server = factory.CreateMqttServer(serverOptions, adapters);
        sessions.Server = _server;
        gate.Link = grains.CreateObjectReference<IDeviceLink>(this);
        gate.Gateway = silo.SiloAddress.ToString();

        _server.ValidatingConnectionAsync += gate.ValidateAsync;
        _server.ClientConnectedAsync += gate.ConnectedAsync;
        _server.ClientDisconnectedAsync += gate.DisconnectedAsync;
        _server.InterceptingPublishAsync += publishes.HandleAsync;
        _server.InterceptingSubscriptionAsync += AuthorizeSubscriptionAsync;
        _server.InterceptingUnsubscriptionAsync += ForgetSubscriptionAsync;
        await _server.StartAsync();
        LogListening(settings.Address, settings.Port, settings.CertificatePath is { Length: > 0 } ? $"port {settings.TlsPort}" : "off (no certificate)", settings.WebSocketPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _server, null) is MqttServer server)
        {
            await server.StopAsync(new MqttServerStopOptions());
        }
    }

    /// <summary>
    /// Stops the listener if the host did not. Not MqttServer.Dispose after a stop: MQTTnet 5.2's TCP adapter cleans up
    /// its listener list without a lock, and a second clean-up racing the first throws during shutdown.
    /// </summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    public async Task<bool> SendAsync(string connectionId, DeviceMessage message) =>
        sessions.TryGet(connectionId, out DeviceSession session) ? await sessions.DeliverAsync(session, message)
        : sessions.TryGetChild(connectionId, out GatewayChild child) && await child.Gateway.DeliverAsync(child, message);

    public async Task CloseAsync(string connectionId, DeviceCloseReason reason)
    {
        if (sessions.TryGet(connectionId, out DeviceSession session))
        {
            await sessions.CloseAsync(session.ClientId, reason);
        }
        else if (sessions.TryGetChild(connectionId, out GatewayChild child))
        {
            child.Gateway.Release(child); // the gateway's own connection stays
        }
    }

    /// <summary>A device subscribes to its own slice of the device API only; anything else is refused and counted.</summary>
    private async Task AuthorizeSubscriptionAsync(InterceptingSubscriptionEventArgs subscribe)
    {
        if (subscribe.SessionItems[ProvisioningSession.SessionItem] is ProvisioningSession provisioning)
        {
            // Answers are queued to the connection directly, as a device's are: the broker routes nothing.
            if (subscribe.TopicFilter.Topic == ProvisioningSession.ResponseTopic)
            {
                provisioning.ResponseQos = subscribe.TopicFilter.QualityOfServiceLevel;
            }
            else
            {
                subscribe.ProcessSubscription = false;
                subscribe.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            }

            return;
        }

        if (subscribe.SessionItems[DeviceConnectionGate.SessionItem] is not DeviceSession session)
        {
            subscribe.ProcessSubscription = false;
            subscribe.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            return;
        }

        string filter = subscribe.TopicFilter.Topic;
        if (DeviceSubscriptions.Classify(filter) is DeviceSubscription subscription && await MaySubscribeAsync(session, subscription))
        {
            session.Subscribe(subscription, subscribe.TopicFilter.QualityOfServiceLevel);
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

            return;
        }

        subscribe.ProcessSubscription = false;
        subscribe.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        subscribe.Response.ReasonString = $"Devices subscribe to their own device API topics only (v1/devices/me/..., and v1/gateway/... for a gateway); '{filter}' is not one.";
        await session.Grain.RecordRejectionAsync(new RejectedMessage(filter, RejectionReason.TopicNotAllowed, "subscription refused", time.GetUtcNow()));
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

    private static Task ForgetSubscriptionAsync(InterceptingUnsubscriptionEventArgs unsubscribe)
    {
        if (unsubscribe.SessionItems[DeviceConnectionGate.SessionItem] is DeviceSession session
            && DeviceSubscriptions.Classify(unsubscribe.Topic) is DeviceSubscription subscription)
        {
            session.Unsubscribe(subscription);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT listening on {Address}:{Port} (TLS {Tls}, WebSocket at {WebSocketPath} on the HTTP port)")]
    private partial void LogListening(string address, int port, string tls, string webSocketPath);
}
