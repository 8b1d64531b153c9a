using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// MQTT 3.1.1 lets a client with a clean session connect with an empty client id, the server assigning one
/// [MQTT-3.1.3-6]; mosquitto's clients do that by default. MQTTnet assigns ids for MQTT 5 only, so this wraps a
/// listener and fills in the id of such a CONNECT before the broker sees it.
/// </summary>
internal sealed class ClientIdAssigningAdapter(IMqttServerAdapter inner) : IMqttServerAdapter
{
    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        inner.ClientHandler = channel => ClientHandler!(new Channel(channel));
        return inner.StartAsync(options, logger);
    }

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();

    private sealed class Channel(IMqttChannelAdapter inner) : IMqttChannelAdapter
    {
        private bool _connectSeen;

        public long BytesReceived => inner.BytesReceived;

        public long BytesSent => inner.BytesSent;

        public X509Certificate2 ClientCertificate => inner.ClientCertificate;

        public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

        public EndPoint LocalEndPoint => inner.LocalEndPoint;

        public bool IsSecureConnection => inner.IsSecureConnection;

        public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

        public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

        public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

        public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

        public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
        {
            MqttPacket packet;
            try
            {
                packet = await inner.ReceivePacketAsync(cancellationToken);
            }
            catch (Exception refused) when (!_connectSeen && IsEmptyIdWithoutCleanSession(refused))
            {
                // MQTTnet's 3.1.1 decoder refuses such a CONNECT by closing the connection; the specification wants
                // a CONNACK with return code 0x02 first [MQTT-3.1.3-8], so the client can tell what was wrong.
                _connectSeen = true;
                await inner.SendPacketAsync(new MqttConnAckPacket { ReturnCode = MqttConnectReturnCode.ConnectionRefusedIdentifierRejected }, cancellationToken);
                throw;
            }

            if (!_connectSeen && packet is MqttConnectPacket connect)
            {
                _connectSeen = true;
                if (string.IsNullOrEmpty(connect.ClientId) && connect.CleanSession && inner.PacketFormatterAdapter.ProtocolVersion != MqttProtocolVersion.V500)
                {
                    connect.ClientId = $"carmen-{Guid.NewGuid():N}";
                }
            }

            return packet;
        }

        public void ResetStatistics() => inner.ResetStatistics();

        /// <summary>MQTTnet's own refusal of an empty client id without clean session, known by the rule it cites.</summary>
        private static bool IsEmptyIdWithoutCleanSession(Exception exception) =>
            exception is MqttProtocolViolationException violation && violation.Message.Contains("[MQTT-3.1.3-7]", StringComparison.Ordinal)
            || (exception.InnerException is Exception inner && IsEmptyIdWithoutCleanSession(inner));

        public void Dispose() => inner.Dispose();
    }
}
