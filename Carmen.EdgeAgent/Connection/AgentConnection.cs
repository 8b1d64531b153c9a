using System.Security.Cryptography.X509Certificates;
using System.Text;
using Carmen.EdgeAgent.Certificates;
using Carmen.EdgeAgent.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Carmen.EdgeAgent.Connection;

/// <summary>
/// The agent's one MQTT connection to Carmen. The loop is the one MQTTnet's maintainers recommend: ping while
/// connected, reconnect with exponential backoff and jitter when the ping fails, never from the disconnected event.
/// Other parts subscribe and register on-connect work before the host starts, so no message is missed on the first
/// connect; subscriptions are made again on every connect.
/// </summary>
public sealed partial class AgentConnection : BackgroundService
{
    private static readonly TimeSpan s_pingInterval = TimeSpan.FromSeconds(5);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Dictionary<string, Func<MqttApplicationMessage, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly List<Func<CancellationToken, Task>> _onConnected = [];
    private readonly AgentOptions _options;
    private readonly ILogger<AgentConnection> _logger;
    private CancellationToken _stopping;

    public AgentConnection(IOptions<AgentOptions> options, ILogger<AgentConnection> logger)
    {
        (_options, _logger) = (options.Value, logger);
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Raised (on the connection's loop) after each successful connect and subscribe.</summary>
    public void WhenConnected(Func<CancellationToken, Task> action) => _onConnected.Add(action);

    /// <summary>
    /// Routes messages matching the filter (an exact topic, or a prefix ending in <c>+</c>) to the handler. Handlers
    /// run on MQTTnet's receive loop: anything slow goes to the handler's own queue.
    /// </summary>
    public void Subscribe(string filter, Func<MqttApplicationMessage, CancellationToken, Task> handler) => _handlers[filter] = handler;

    /// <summary>Publishes at QoS 1; false when not connected or the server did not take it (the caller keeps the data).</summary>
    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            MqttClientPublishResult result = await _client.PublishAsync(message, cancellationToken);
            if (result.IsSuccess)
            {
                return true;
            }

            LogPublishRefused(topic, result.ReasonCode, result.ReasonString);
            return false;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPublishFailed(failure, topic);
            return false;
        }
    }

    public Task<bool> PublishAsync(string topic, string payload, CancellationToken cancellationToken) =>
        PublishAsync(topic, Encoding.UTF8.GetBytes(payload), cancellationToken);

    /// <summary>One connect attempt with the configured endpoint and credentials, for <c>carmen-agent check</c>.</summary>
    public static async Task<MqttClientConnectResultCode> ProbeAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult result = await client.ConnectAsync(BuildOptions(options, cleanStart: true), cancellationToken);
        if (result.ResultCode == MqttClientConnectResultCode.Success)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
        }

        return result.ResultCode;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(_options.Server.ReconnectMaxDelaySeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait = s_pingInterval;
            try
            {
                if (!await _client.TryPingAsync(stoppingToken))
                {
                    await ConnectAsync(stoppingToken);
                    backoff.Reset();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception failure)
            {
                wait = backoff.Next();
                LogConnectFailed(_options.Server.Host, _options.Server.Port, wait.TotalSeconds, failure.Message);
            }

            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Closes the connection so the loop opens a new one within seconds, signing in with the newest certificate.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            // A clean DISCONNECT: Carmen marks the device offline at once instead of after the keep-alive.
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
            LogDisconnected();
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        MqttClientConnectResult result = await _client.ConnectAsync(BuildOptions(_options, cleanStart: false), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Carmen refused the connection: {result.ResultCode}.");
        }

        MqttClientSubscribeOptionsBuilder subscriptions = new();
        foreach (string filter in _handlers.Keys)
        {
            subscriptions.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (_handlers.Count > 0)
        {
            await _client.SubscribeAsync(subscriptions.Build(), cancellationToken);
        }

        LogConnected(_options.Server.Host, _options.Server.Port, result.IsSessionPresent);
        foreach (Func<CancellationToken, Task> action in _onConnected)
        {
            try
            {
                await action(cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogOnConnectedFailed(failure);
            }
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs received)
    {
        string topic = received.ApplicationMessage.Topic;
        foreach ((string filter, Func<MqttApplicationMessage, CancellationToken, Task> handler) in _handlers)
        {
            if (filter == topic || (filter.EndsWith('+') && topic.StartsWith(filter[..^1], StringComparison.Ordinal)))
            {
                try
                {
                    await handler(received.ApplicationMessage, _stopping);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    LogHandlerFailed(failure, topic);
                }

                return;
            }
        }
    }

    private static MqttClientOptions BuildOptions(AgentOptions options, bool cleanStart)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Server.Host, options.Server.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(ClientId(options))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(15))
            .WithCleanStart(cleanStart)
            .WithSessionExpiryInterval(cleanStart ? 0u : 24 * 3600u);
        (string Certificate, string Key)? signIn = options.Server.Tls ? ManagedCertificate.SignInFiles(options) : null;
        if (options.AccessToken is string token && signIn is null)
        {
            // With a certificate the token stays home: the certificate alone decides the CONNECT.
            builder.WithCredentials(token, (string?)null);
        }

        if (options.Server.Tls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (options.Server.CaFile is string caFile)
                {
                    var chain = new X509Certificate2Collection();
                    chain.ImportFromPemFile(caFile);
                    tls.WithTrustChain(chain);
                }

                if (signIn is var (certificate, key))
                {
                    tls.WithClientCertificates(new X509Certificate2Collection(X509Certificate2.CreateFromPemFile(certificate, key)));
                }
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// Stable per device (so a persistent session is found again) and distinct between devices on one host. A 64-bit
    /// XxHash of the token: the id must not show the token, and unlike SHA-256 it does not load libcrypto (3.4 MB of
    /// resident memory) into an agent that may never use TLS.
    /// </summary>
    private static string ClientId(AgentOptions options)
    {
        string identity = options.AccessToken ?? options.ClientCertificate
            ?? (options.Certificates.Enrolls ? $"{options.Certificates.TenantId}/{options.Certificates.DeviceId}" : Environment.MachineName);
        return "carmen-agent-" + Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(Encoding.UTF8.GetBytes(identity)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Carmen at {Host}:{Port} (session present: {SessionPresent})")]
    private partial void LogConnected(string host, int port, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to Carmen at {Host}:{Port}; retrying in {Seconds:F1} s: {Reason}")]
    private partial void LogConnectFailed(string host, int port, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected from Carmen")]
    private partial void LogDisconnected();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carmen refused a message on {Topic}: {ReasonCode} {ReasonString}")]
    private partial void LogPublishRefused(string topic, MqttClientPublishReasonCode reasonCode, string? reasonString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing on {Topic} failed")]
    private partial void LogPublishFailed(Exception failure, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work after connecting failed")]
    private partial void LogOnConnectedFailed(Exception failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message on {Topic} failed")]
    private partial void LogHandlerFailed(Exception failure, string topic);
}
