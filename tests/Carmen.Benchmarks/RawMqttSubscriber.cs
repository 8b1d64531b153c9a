using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Carmen.Testing;

namespace Carmen.Benchmarks;

/// <summary>
/// The one subscriber mosquitto relays the benchmark's load to, without a client library: it counts the PUBLISH
/// packets of each read in place, answers those at QoS 1 with one write of PUBACKs per read, and takes a probe's
/// payload (the Stopwatch timestamp it was published at) for the latency of the relay.
/// </summary>
internal sealed class RawMqttSubscriber : IAsyncDisposable
{
    public const string ProbeTopic = "bench/probe/telemetry";

    private static readonly byte[] s_probeTopic = Encoding.UTF8.GetBytes(ProbeTopic);

    private readonly Socket _socket;
    private readonly Task _reading;
    private readonly List<double> _latencies = [];
    private long _received;
    private long _lastReceivedAt;

    private RawMqttSubscriber(Socket socket)
    {
        _socket = socket;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>PUBLISH packets received, the probe's included.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>When the latest one came (Stopwatch timestamp).</summary>
    public long LastReceivedAt => Interlocked.Read(ref _lastReceivedAt);

    public List<double> LatenciesMs
    {
        get
        {
            lock (_latencies)
            {
                return [.. _latencies];
            }
        }
    }

    public static async Task<RawMqttSubscriber> ConnectAsync(int port, string filter, int qos)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await socket.SendAsync(MqttPackets.Connect("bench-subscriber", userName: null, keepAliveSeconds: 600));
        byte[] connAck = new byte[4];
        await RawMqttLoad.ReceiveExactlyAsync(socket, connAck, CancellationToken.None);
        await socket.SendAsync(MqttPackets.Subscribe(filter, qos));
        byte[] subAck = new byte[5];
        await RawMqttLoad.ReceiveExactlyAsync(socket, subAck, CancellationToken.None);
        if (connAck[3] != 0 || subAck[0] != MqttPackets.SubAck || subAck[4] > 2)
        {
            throw new InvalidOperationException($"The subscription was refused: {Convert.ToHexString(connAck)} {Convert.ToHexString(subAck)}");
        }

        return new RawMqttSubscriber(socket);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception closed) when (closed is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // the socket was closed under the read
        }
    }

    private async Task ReadAsync()
    {
        byte[] buffer = new byte[1 << 20];
        byte[] acks = new byte[buffer.Length];
        int held = 0;
        while (true)
        {
            int got = await _socket.ReceiveAsync(buffer.AsMemory(held));
            if (got == 0)
            {
                return;
            }

            held += got;
            (int used, int acked) = Take(buffer.AsSpan(0, held), acks);
            if (acked > 0)
            {
                await _socket.SendAsync(acks.AsMemory(0, acked));
            }

            buffer.AsSpan(used, held - used).CopyTo(buffer);
            held -= used;
        }
    }

    /// <summary>Counts the whole packets at the start of <paramref name="data"/>; returns the bytes they took and the PUBACK bytes written.</summary>
    private (int Used, int Acked) Take(ReadOnlySpan<byte> data, Span<byte> acks)
    {
        int used = 0, acked = 0, publishes = 0;
        while (MqttPackets.WholePacket(data[used..]) is int length and > 0)
        {
            ReadOnlySpan<byte> packet = data.Slice(used, length);
            used += length;
            if (packet[0] >> 4 != MqttPackets.PublishType)
            {
                continue;
            }

            publishes++;
            ReadOnlySpan<byte> body = packet[MqttPackets.HeaderLength(packet)..];
            int topicLength = BinaryPrimitives.ReadUInt16BigEndian(body);
            ReadOnlySpan<byte> topic = body.Slice(2, topicLength);
            int payloadAt = 2 + topicLength;
            if (((packet[0] >> 1) & 3) == 1)
            {
                acks[acked] = MqttPackets.PubAck;
                acks[acked + 1] = 2;
                body.Slice(payloadAt, 2).CopyTo(acks[(acked + 2)..]);
                acked += 4;
                payloadAt += 2;
            }

            if (topic.SequenceEqual(s_probeTopic) && Utf8Parser.TryParse(body[payloadAt..], out long sentAt, out _))
            {
                lock (_latencies)
                {
                    _latencies.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                }
            }
        }

        if (publishes > 0)
        {
            Interlocked.Add(ref _received, publishes);
            Interlocked.Exchange(ref _lastReceivedAt, Stopwatch.GetTimestamp());
        }

        return (used, acked);
    }
}
