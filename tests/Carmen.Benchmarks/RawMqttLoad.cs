using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Carmen.Testing;

namespace Carmen.Benchmarks;

/// <summary>
/// The device side of the MQTT benchmark, without a client library so that it is not what limits the rate: one socket
/// per device and packets encoded once (<see cref="MqttPackets"/>), each message ThingsBoard-style telemetry of 3 keys.
/// QoS 0: two sender threads go round their devices writing <see cref="Variants"/> messages per device per send, paced
/// to a target rate when one is given. QoS 1: every device keeps one message in flight and sends the next when its
/// PUBACK arrives, as real devices do. It counts what was sent (QoS 0) or acknowledged (QoS 1).
/// </summary>
internal sealed class RawMqttLoad : IDisposable
{
    /// <summary>Messages of different values per device, sent in turn.</summary>
    public const int Variants = 4;

    private const int SenderThreads = 2;
    private static readonly byte[] s_disconnect = [0xE0, 0x00];

    private readonly Socket[] _devices;
    private readonly byte[][][] _publishes; // [device][variant]: whole PUBLISH packets
    private readonly int _qos;
    private long _sent;

    private RawMqttLoad(Socket[] devices, byte[][][] publishes, int qos) => (_devices, _publishes, _qos) = (devices, publishes, qos);

    /// <summary>Messages sent at QoS 0, or acknowledged at QoS 1.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public int Count => _devices.Length;

    /// <summary>
    /// Connects <paramref name="count"/> devices (CONNECT with a clean session, user name from <paramref name="userName"/>,
    /// no password), each publishing to <paramref name="topic"/>. One loopback source address per 5,000 devices: one
    /// address runs out of ephemeral ports near 28,000, and Carmen takes at most 10,000 connections from one address.
    /// </summary>
    public static async Task<RawMqttLoad> ConnectAsync(int port, int count, int qos, Func<int, string> clientId, Func<int, string?> userName, Func<int, string> topic)
    {
        var sockets = new Socket[count];
        var publishes = new byte[count][][];
        byte[][] payloadsOfFixedTopic = Payloads(topic(0), qos);
        bool oneTopic = topic(0) == topic(Math.Min(1, count - 1));
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(1 + (i / 5_000))]), 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            await socket.SendAsync(MqttPackets.Connect(clientId(i), userName(i), keepAliveSeconds: 600), cancellationToken);
            byte[] connAck = new byte[4];
            await ReceiveExactlyAsync(socket, connAck, cancellationToken);
            if (connAck[0] != MqttPackets.ConnAck || connAck[3] != 0)
            {
                throw new InvalidOperationException($"Device {i} was refused: CONNACK {Convert.ToHexString(connAck)}");
            }

            sockets[i] = socket;
            // QoS 1 packets carry a packet id the device sets, so each device has its own; QoS 0 ones are shared where the topic is.
            publishes[i] = qos == 0 && oneTopic ? payloadsOfFixedTopic : Payloads(topic(i), qos);
        });
        return new RawMqttLoad(sockets, publishes, qos);
    }

    /// <summary>Publishes for <paramref name="duration"/>; at QoS 0, at most <paramref name="perSecond"/> messages a second when above 0.</summary>
    public Task RunAsync(TimeSpan duration, double perSecond = 0) =>
        _qos == 0 ? Task.WhenAll(Enumerable.Range(0, SenderThreads).Select(thread => Task.Factory.StartNew(
            () => SendQos0(thread, duration, perSecond / SenderThreads), TaskCreationOptions.LongRunning)))
        : Task.WhenAll(Enumerable.Range(0, _devices.Length).Select(device => SendQos1Async(device, duration)));

    public void Dispose()
    {
        foreach (Socket socket in _devices)
        {
            try
            {
                socket.Send(s_disconnect);
            }
            catch (SocketException)
            {
                // already closed by the server
            }

            socket.Dispose();
        }
    }

    private void SendQos0(int thread, TimeSpan duration, double perSecond)
    {
        byte[][] bursts = [.. _publishes.Select(variants => variants.SelectMany(packet => packet).ToArray())];
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed < duration)
        {
            for (int device = thread; device < _devices.Length; device += SenderThreads)
            {
                while (perSecond > 0 && sent > perSecond * clock.Elapsed.TotalSeconds)
                {
                    Thread.Sleep(1);
                }

                _devices[device].Send(bursts[device]);
                sent += Variants;
            }
        }

        Interlocked.Add(ref _sent, sent);
    }

    private async Task SendQos1Async(int device, TimeSpan duration)
    {
        Socket socket = _devices[device];
        byte[][] packets = _publishes[device];
        int[] idAt = [.. packets.Select(MqttPackets.PacketIdOffset)];
        byte[] ack = new byte[4];
        var clock = Stopwatch.StartNew();
        ushort id = 0;
        for (int message = 0; clock.Elapsed < duration; message++)
        {
            id = (ushort)((id % ushort.MaxValue) + 1);
            byte[] packet = packets[message % Variants];
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(idAt[message % Variants]), id);
            await socket.SendAsync(packet);
            await ReceiveExactlyAsync(socket, ack, CancellationToken.None);
            if (ack[0] != MqttPackets.PubAck || BinaryPrimitives.ReadUInt16BigEndian(ack.AsSpan(2)) != id)
            {
                throw new InvalidOperationException($"Device {device} got {Convert.ToHexString(ack)} for packet {id}.");
            }

            Interlocked.Increment(ref _sent);
        }
    }

    private static byte[][] Payloads(string topic, int qos)
    {
        var random = new Random(topic.GetHashCode(StringComparison.Ordinal));
        return [.. Enumerable.Range(0, Variants).Select(_ => MqttPackets.Publish(topic, string.Create(CultureInfo.InvariantCulture,
            $$"""{"temperature":{{20 + (random.Next(100) / 10.0)}},"humidity":{{random.Next(30, 70)}},"cpu":{{random.Next(100)}}}"""), qos))];
    }

    internal static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        for (int read = 0; read < buffer.Length;)
        {
            int got = await socket.ReceiveAsync(buffer[read..], cancellationToken);
            read += got > 0 ? got : throw new InvalidOperationException("The server closed the connection.");
        }
    }
}
