using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Connectivity;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Mqtt.DeviceApi;
using MQTTnet;
using MQTTnet.Protocol;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.External;

/// <summary>
/// Carmen:Mqtt:Mode=External: this silo as an MQTT 5 client of an existing broker. All silos join one shared
/// subscription on the devices' "up" topics, so the broker spreads device traffic over the cluster and each message
/// reaches one silo; replies and pushes go back as "down" messages through whichever silo the device's grain is on.
/// A message is acknowledged to the broker once its grain has taken it, so the broker redelivers what a lost
/// connection left unacknowledged. Reconnects as MQTTnet's maintainers advise: a ping loop, not the disconnected event.
/// </summary>
internal sealed partial class ExternalBrokerBridge(
    IOptions<MqttOptions> options,
    IGrainFactory grains,
    DeviceApiRouter router,
    TenantRateLimits rateLimits,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<ExternalBrokerBridge> logger) : BackgroundService, IExternalBroker
{
    private static readonly TimeSpan s_checkEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_ratesKeptFor = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_drainFor = TimeSpan.FromSeconds(10);
    private const int HandOffAttempts = 5;

    private readonly ExternalBrokerOptions _broker = options.Value.External;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _inFlight = new(options.Value.External.MaxInFlight);

    // Rate buckets of the devices this silo saw lately; replaced wholesale now and then rather than tracked per device,
    // which costs a device at most one extra second of burst.
    private ConcurrentDictionary<DeviceKey, DeviceRates> _rates = new();

    public IDeviceLink LinkTo(DeviceKey device) => new BrokeredDeviceLink(this, device);

    /// <summary>Publishes to the device's "down" topic; false when the broker is not reachable or no subscriber of the device took it.</summary>
    public async Task<bool> PublishAsync(DeviceKey device, DeviceMessage message)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        MqttApplicationMessage publish = new MqttApplicationMessageBuilder()
            .WithTopic(ExternalTopics.Down(_broker.TopicRoot, device, message.Topic))
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            MqttClientPublishResult result = await _client.PublishAsync(publish);
            return result.ReasonCode == MqttClientPublishReasonCode.Success;
        }
        catch (Exception failure) when (failure is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            LogPublishFailed(failure, device.TenantId, device.DeviceId);
            return false;
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Attached before the first connect, so nothing the broker sends right after CONNACK is missed.
        _client.ApplicationMessageReceivedAsync += ReceiveAsync;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Let the messages in hand reach their grains and be acknowledged before leaving.
        long since = time.GetTimestamp();
        while (_inFlight.CurrentCount < _broker.MaxInFlight && time.GetElapsedTime(since) < s_drainFor)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, CancellationToken.None);
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), CancellationToken.None);
        }

        _client.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        MqttClientOptions clientOptions = ClientOptions();
        TimeSpan backoff = TimeSpan.FromSeconds(1);
        long ratesSince = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await _client.TryPingAsync(stoppingToken))
                {
                    await ConnectAsync(clientOptions, stoppingToken);
                    backoff = TimeSpan.FromSeconds(1);
                }

                if (time.GetElapsedTime(ratesSince) > s_ratesKeptFor)
                {
                    _rates = new ConcurrentDictionary<DeviceKey, DeviceRates>();
                    ratesSince = time.GetTimestamp();
                }

                await Task.Delay(s_checkEvery, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                LogConnectFailed(failure, _broker.Host!, _broker.Port, backoff.TotalSeconds);
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)(backoff.TotalMilliseconds / 2))), time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(s_maxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private async Task ConnectAsync(MqttClientOptions clientOptions, CancellationToken cancellationToken)
    {
        MqttClientConnectResult connected = await _client.ConnectAsync(clientOptions, cancellationToken);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"The broker refused the connection: {connected.ResultCode} {connected.ReasonString}");
        }

        string filter = ExternalTopics.SharedSubscription(_broker);
        MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        MqttClientSubscribeResultCode granted = subscribed.Items.Single().ResultCode;
        if (granted is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
        {
            await _client.DisconnectAsync(cancellationToken: cancellationToken);
            throw new InvalidOperationException($"The broker refused the subscription {filter}: {granted}. Its ACL must let Carmen's user read the devices' up topics (see deploy/mosquitto).");
        }

        LogConnected(_broker.Host!, _broker.Port, filter);
    }

    private MqttClientOptions ClientOptions()
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId($"{_broker.TopicRoot}-silo-{silo.SiloAddress.Endpoint}-{silo.SiloAddress.Generation}")
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithReceiveMaximum((ushort)_broker.MaxInFlight)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_broker.Username is { Length: > 0 } username)
        {
            builder.WithCredentials(username, _broker.Password);
        }

        if (_broker.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (_broker.CaCertificatePath is { Length: > 0 } caPath)
                {
                    var authorities = new X509Certificate2Collection();
                    authorities.ImportFromPemFile(caPath);
                    tls.WithTrustChain(authorities);
                }
            });
        }

        return builder.Build();
    }

    /// <summary>Takes a message off the client's receive loop at once, so up to MaxInFlight are handled together.</summary>
    private async Task ReceiveAsync(MqttApplicationMessageReceivedEventArgs received)
    {
        received.AutoAcknowledge = false;
        await _inFlight.WaitAsync();

        // The payload buffer belongs to the client once this handler returns.
        byte[] payload = received.ApplicationMessage.Payload.ToArray();

        // Not awaited: the semaphore bounds how many run, and each ends by acknowledging its message.
        HandleAsync(received, payload).Ignore();
    }

    private async Task HandleAsync(MqttApplicationMessageReceivedEventArgs received, byte[] payload)
    {
        string topic = received.ApplicationMessage.Topic;
        try
        {
            if (ExternalTopics.Parse(_broker.TopicRoot, topic) is not (DeviceKey device, string deviceTopic))
            {
                // Only a broker ACL letting someone write outside the scheme gets here; there is no device to count it against.
                CarmenDiagnostics.MqttMessages.Add(1, new("kind", "any"), new("outcome", "unroutable"));
                LogUnroutable(topic);
                return;
            }

            var grain = grains.GetGrain<IConnectedDeviceGrain>(device.ToString());
            if (deviceTopic == ExternalTopics.Status)
            {
                await PresenceAsync(grain, topic, payload);
                return;
            }

            // Telemetry and attributes are checked by the grain as they arrive; other messages need the device admitted first.
            if (deviceTopic is not (DeviceTopics.Telemetry or DeviceTopics.Attributes) && !await AdmitAsync(grain, topic))
            {
                return;
            }

            var endpoint = new BrokeredDevice(device, grain, await RatesAsync(device), this);
            for (int attempt = 1; await router.RouteAsync(
                endpoint, deviceTopic, new ReadOnlySequence<byte>(payload), received.ApplicationMessage.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce) == RouteFailure.Failed && attempt < HandOffAttempts; attempt++)
            {
                // The grid could not take it (a silo leaving): the broker already acknowledged it to the device, so try again here.
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), time);
            }
        }
        catch (Exception failure)
        {
            LogHandlingFailed(failure, topic);
        }
        finally
        {
            await AcknowledgeAsync(received);
            _inFlight.Release();
        }
    }

    /// <summary>Brings the device online through the broker if it may connect now; otherwise its message is refused and counted.</summary>
    private async Task<bool> AdmitAsync(IConnectedDeviceGrain grain, string topic)
    {
        if (await grain.BrokeredOnlineAsync())
        {
            return true;
        }

        await router.RejectAsync(grain, topic, RejectionReason.NotAuthorized, "The device may not connect or send now.");
        return false;
    }

    /// <summary>"online" after connecting, "offline" as the device's will or before a clean disconnect.</summary>
    private async Task PresenceAsync(IConnectedDeviceGrain grain, string topic, byte[] payload)
    {
        switch (System.Text.Encoding.UTF8.GetString(payload).Trim())
        {
            case "online":
                await AdmitAsync(grain, topic);
                break;
            case "offline":
                await grain.DisconnectedAsync(DeviceConnection.Brokered);
                break;
            default:
                await router.RejectAsync(grain, topic, RejectionReason.MalformedPayload, "A status is \"online\" or \"offline\".");
                break;
        }
    }

    private async ValueTask<DeviceRates> RatesAsync(DeviceKey device)
    {
        ConcurrentDictionary<DeviceKey, DeviceRates> rates = _rates;
        return rates.TryGetValue(device, out DeviceRates? known)
            ? known
            : rates.GetOrAdd(device, await rateLimits.ForDeviceAsync(device.TenantId, CancellationToken.None));
    }

    private static async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs received)
    {
        try
        {
            await received.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception failure) when (failure is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            // The connection is gone; the broker redelivers the message to the next subscriber.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the external MQTT broker {Host}:{Port}, consuming {Subscription}")]
    private partial void LogConnected(string host, int port, string subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "External MQTT broker {Host}:{Port} not reachable; retrying in about {BackoffSeconds} s")]
    private partial void LogConnectFailed(Exception exception, string host, int port, double backoffSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message on {Topic} is not on a device's up topic; ignored")]
    private partial void LogUnroutable(string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling the message on {Topic} failed")]
    private partial void LogHandlingFailed(Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to {TenantId}/{DeviceId} through the external broker failed")]
    private partial void LogPublishFailed(Exception exception, string tenantId, string deviceId);
}
