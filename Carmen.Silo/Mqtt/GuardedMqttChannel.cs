using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Diagnostics;
using MQTTnet.Channel;

namespace Carmen.Silo.Mqtt;

/// <summary>
/// A connection's transport (TCP, TLS or WebSocket) with its bytes shown to a <see cref="MqttPacketGuard"/> as they
/// are read, so MQTTnet never reads, let alone allocates, a packet larger than Carmen takes.
/// </summary>
internal sealed class GuardedMqttChannel(IMqttChannel inner, MqttPacketGuard guard) : IMqttChannel
{
    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        int read = await inner.ReadAsync(buffer, offset, count, cancellationToken);
        try
        {
            guard.Observe(buffer.AsSpan(offset, read));
        }
        catch (MqttPacketRefusedException refused)
        {
            // MQTTnet closes the connection on the exception and logs it as its own; the count is Carmen's.
            CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", refused.Reason));
            throw;
        }

        return read;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => inner.Dispose();
}
