using System.Net;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Interfaces.Connectivity;
using Microsoft.Extensions.Options;
using MQTTnet.AspNetCore;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Carmen.Silo.Mqtt;

/// <summary>
/// This silo's MQTT listener (TCP, TLS when a certificate is configured, WebSocket through the HTTP port) and its
/// link to the grid. Device grains reach connections here through one observer reference per silo, which they keep
/// with the connection: outbound messages take one call from the grain to this silo, wherever the grain is active.
/// </summary>
internal sealed partial class MqttBroker(
    IOptions<MqttOptions> options,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    DeviceSessions sessions,
    DeviceConnectionGate gate,
    DevicePublishHandler publishes,
    MqttWebSocketServerAdapter webSockets,
    TimeProvider time,
    ILogger<MqttBroker> logger) : IHostedService, IDeviceLink, IAsyncDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        MqttOptions settings = options.Value;
        var factory = new MqttServerFactory();

        // MQTTnet listens on IPv4 and IPv6 unless told otherwise: bind exactly the configured address, nothing more.
        IPAddress address = IPAddress.Parse(settings.Address);
        bool v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        (IPAddress v4Address, IPAddress v6Address) = v6 ? (IPAddress.None, address) : (address, IPAddress.None);
        MqttServerOptionsBuilder builder = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(v4Address)
            .WithDefaultEndpointBoundIPV6Address(v6Address)
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions(false);
        if (settings.CertificatePath is { Length: > 0 } path)
        {
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(v4Address)
                .WithEncryptedEndpointBoundIPV6Address(v6Address)
                .WithEncryptedEndpointPort(settings.TlsPort)
                .WithEncryptionCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword));
        }

        IMqttServerAdapter[] adapters =
            [.. factory.DefaultServerAdapters.Select(create => new ClientIdAssigningAdapter(create(factory))), new ClientIdAssigningAdapter(webSockets)];
        // MQTTnet keeps two packet-writer buffers per connection, 8 KiB each by default: most of an idle connection's
        // memory. Device traffic from the server is acknowledgements and small commands; a larger packet grows the
        // buffer for its own encoding and is shrunk back afterwards.
        MqttServerOptions serverOptions = builder.Build();
        serverOptions.WriterBufferSize = 256;
        serverOptions.WriterBufferSizeMax = 1024;
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
        sessions.TryGet(connectionId, out DeviceSession session) && await sessions.DeliverAsync(session, message);

    public async Task CloseAsync(string connectionId, DeviceCloseReason reason)
    {
        if (sessions.TryGet(connectionId, out DeviceSession session))
        {
            await sessions.CloseAsync(session.ClientId, reason);
        }
    }

    /// <summary>A device subscribes to its own slice of the device API only; anything else is refused and counted.</summary>
    private async Task AuthorizeSubscriptionAsync(InterceptingSubscriptionEventArgs subscribe)
    {
        if (subscribe.SessionItems[DeviceConnectionGate.SessionItem] is not DeviceSession session)
        {
            subscribe.ProcessSubscription = false;
            subscribe.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            return;
        }

        string filter = subscribe.TopicFilter.Topic;
        if (DeviceSubscriptions.Classify(filter) is DeviceSubscription subscription)
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

            return;
        }

        subscribe.ProcessSubscription = false;
        subscribe.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        subscribe.Response.ReasonString = $"Devices subscribe to their own device API topics only (v1/devices/me/...); '{filter}' is not one.";
        await session.Grain.RecordRejectionAsync(new RejectedMessage(filter, RejectionReason.TopicNotAllowed, "subscription refused", time.GetUtcNow()));
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
