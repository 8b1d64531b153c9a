using System.Net;
using System.Net.WebSockets;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// MQTT over WebSocket on the HTTP port: each accepted WebSocket's binary messages are one byte stream, run through
/// <see cref="MqttConnectionFactory"/> like a TCP connection (address limits, then Carmen's MQTT server).
/// </summary>
internal sealed class MqttWebSocketListener(MqttConnectionFactory connections)
{
    /// <summary>The subprotocol MQTT over WebSocket asks for (MQTT 5, 6.0); "mqttv3.1" for the oldest clients.</summary>
    public static string? SubProtocolOf(HttpContext context) =>
        context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(protocol => protocol is "mqtt" or "mqttv3.1");

    public async Task RunAsync(WebSocket socket, HttpContext context)
    {
        var remote = new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.None, context.Connection.RemotePort);
        await using (Stream stream = WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: false))
        {
            await connections.RunAsync(stream, remote);
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // The MQTT connection ended on the server's side: the client is told so with a close frame, not a dropped socket.
            try
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, patience.Token);
            }
            catch (Exception gone) when (gone is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Gone already.
            }
        }
    }
}
