using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Carmen.Testing;

/// <summary>A device as a real MQTTnet client, with what it receives queued for the test to read.</summary>
public sealed class DeviceMqttClient : IAsyncDisposable
{
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();
    private readonly TaskCompletionSource<MqttClientDisconnectedEventArgs> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DeviceMqttClient(IMqttClient client)
    {
        Client = client;
        client.ApplicationMessageReceivedAsync += message =>
        {
            _received.Writer.TryWrite(message.ApplicationMessage);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += disconnected =>
        {
            if (disconnected.ClientWasConnected)
            {
                _disconnected.TrySetResult(disconnected);
            }

            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    /// <summary>Completes when the server closes an established connection.</summary>
    public Task<MqttClientDisconnectedEventArgs> Disconnected => _disconnected.Task;

    /// <summary>Connects with an access token as username (ThingsBoard's convention); throws <see cref="DeviceConnectRefusedException"/> when refused.</summary>
    public static async Task<DeviceMqttClient> ConnectAsync(
        int port, string accessToken, string? clientId = null, MqttProtocolVersion protocol = MqttProtocolVersion.V500, string? password = null,
        Action<MqttClientOptionsBuilder>? configure = null)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var device = new DeviceMqttClient(client);
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? "test-" + Guid.NewGuid().ToString("N")[..12])
            .WithCredentials(accessToken, password)
            .WithProtocolVersion(protocol)
            .WithTimeout(TimeSpan.FromSeconds(15));
        configure?.Invoke(options);
        MqttClientConnectResult result;
        try
        {
            result = await client.ConnectAsync(options.Build());
        }
        catch
        {
            client.Dispose();
            throw;
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new DeviceConnectRefusedException(result.ResultCode);
        }

        return device;
    }

    /// <summary>Connects over a WebSocket (ws://127.0.0.1:{port}{path}).</summary>
    public static async Task<DeviceMqttClient> ConnectWebSocketAsync(int httpPort, string path, string accessToken)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var device = new DeviceMqttClient(client);
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithWebSocketServer(socket => socket.WithUri($"ws://127.0.0.1:{httpPort}{path}"))
            .WithClientId("ws-" + Guid.NewGuid().ToString("N")[..12])
            .WithCredentials(accessToken, (string?)null)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(15))
            .Build();
        await client.ConnectAsync(options);
        return device;
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build());

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        MqttClientSubscribeResult result = await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build());
        return result.Items.Single().ResultCode;
    }

    /// <summary>The next message received, or null when none arrives within the timeout.</summary>
    public async Task<(string Topic, string Payload)?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            MqttApplicationMessage message = await _received.Reader.ReadAsync(wait.Token);
            return (message.Topic, Encoding.UTF8.GetString(message.Payload));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The next message with its payload as bytes (a firmware chunk), or null after the timeout (default 10 s).</summary>
    public async Task<(string Topic, byte[] Payload)?> ReceiveBytesAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            MqttApplicationMessage message = await _received.Reader.ReadAsync(wait.Token);
            return (message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync();
        }

        Client.Dispose();
    }
}
