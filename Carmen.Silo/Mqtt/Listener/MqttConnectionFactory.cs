using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Diagnostics;
using Carmen.Silo.Mqtt.Protocol;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// What every listener (TCP, TLS, WebSocket) does with a new connection: the source address's limits first, then
/// Carmen's MQTT server over the transport's byte stream.
/// </summary>
internal sealed class MqttConnectionFactory(
    IOptions<MqttOptions> options, AddressConnectionLimits limits, MqttListener listener, MqttConnections connections, ILogger<MqttConnection> logger)
{
    /// <summary>
    /// Reads ask the transport for what has arrived, after a zero-byte read that waits for it without a buffer: an idle
    /// connection holds no buffer at all. Writes (acknowledgements, small commands) are sent once per read.
    /// </summary>
    private static readonly StreamPipeReaderOptions s_reading = new(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true);

    private static readonly StreamPipeWriterOptions s_writing = new(minimumBufferSize: 512, leaveOpen: true);

    private MqttConnectionLimits? _limits;

    /// <summary>Runs one connection until it ends; returns at once when the source address is over its limits. The transport stays the caller's.</summary>
    public async Task RunAsync(Stream transport, EndPoint? remote, X509Certificate2? clientCertificate = null)
    {
        IPAddress? source = (remote as IPEndPoint)?.Address;
        using AddressConnectionLimits.Lease? lease = limits.TryOpen(source, out string? refusal);
        if (lease is null)
        {
            CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", refusal));
            return;
        }

        MqttOptions settings = options.Value;
        _limits ??= new MqttConnectionLimits(settings.ConnectTimeout, settings.MaxConnectPacketBytes, settings.MaxPacketBytes);
        var connection = new MqttConnection(
            PipeReader.Create(transport, s_reading), PipeWriter.Create(transport, s_writing), remote, _limits, listener, connections, logger)
        {
            ConnectRead = lease.Connected,
            ClientCertificate = clientCertificate,
        };
        await connection.RunAsync();
    }
}
