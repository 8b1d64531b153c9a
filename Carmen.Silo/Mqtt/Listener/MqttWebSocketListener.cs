using System.Net;
using System.Net.WebSockets;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Exceptions;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// MQTT over WebSocket on the HTTP port: each accepted WebSocket runs through <see cref="MqttConnectionFactory"/> like a
/// TCP connection (address limits, packet guard). A peer that vanishes mid-frame is an ordinary end of a connection.
/// </summary>
internal sealed partial class MqttWebSocketListener(MqttConnectionFactory connections, ILogger<MqttWebSocketListener> logger) : IMqttServerAdapter
{
    private IMqttNetLogger _mqttLogger = MqttNetNullLogger.Instance;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        _mqttLogger = mqttLogger;
        return Task.CompletedTask;
    }

    public Task StopAsync() => Task.CompletedTask;

    public void Dispose()
    {
    }

    public async Task RunAsync(WebSocket socket, HttpContext context)
    {
        if (ClientHandler is not { } handler)
        {
            return;
        }

        IPAddress? source = context.Connection.RemoteIpAddress;
        var remote = new IPEndPoint(source ?? IPAddress.None, context.Connection.RemotePort);
        try
        {
            var transport = new MqttWebSocketChannel(socket, remote, context.Request.IsHttps, null!);
            await connections.RunAsync(transport, source, handler, _mqttLogger);
        }
        catch (Exception ended) when (ended is WebSocketException or IOException or OperationCanceledException or MqttCommunicationException
            or ObjectDisposedException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            LogEnded(remote, ended.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT over WebSocket from {Remote} ended abruptly: {Reason}")]
    private partial void LogEnded(IPEndPoint remote, string reason);
}
