using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Carmen.Silo.Mqtt.Listener;
using MQTTnet.Channel;

namespace Carmen.Silo.Tests.Mqtt;

public sealed class BufferedMqttChannelTests
{
    [Fact]
    public async Task SmallReadsAreServedFromOneReceiveInOrderAndEachReceiveWaitsWithAZeroByteRead()
    {
        byte[] first = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
        byte[] second = [200, 201, 202];
        var transport = new ScriptedTransport(first, second);
        using var channel = new BufferedMqttChannel(transport);

        var read = new List<byte>();
        foreach (int count in new[] { 2, 30, 68, 2, 5 })
        {
            byte[] buffer = new byte[count + 3];
            int length = await channel.ReadAsync(buffer, 3, count, default);
            read.AddRange(buffer.AsSpan(3, length).ToArray());
        }

        read.Should().Equal(first.Concat(second));
        transport.Reads.Should().Equal(0, 16_384, 0, 16_384);
    }

    [Fact]
    public async Task ALargeReadGoesStraightToTheTransportAndTheEndOfTheStreamReadsAsZero()
    {
        byte[] body = new byte[20_000];
        Random.Shared.NextBytes(body);
        var transport = new ScriptedTransport(body);
        using var channel = new BufferedMqttChannel(transport);

        byte[] buffer = new byte[20_000];
        int length = await channel.ReadAsync(buffer, 0, buffer.Length, default);
        int end = await channel.ReadAsync(new byte[2], 0, 2, default);

        length.Should().Be(20_000);
        buffer.Should().Equal(body);
        end.Should().Be(0);
        transport.Reads.Should().Equal(20_000, 0, 16_384);
    }

    /// <summary>A transport handing out the given chunks, one per non-empty read, then the end of the stream; it records the sizes asked for.</summary>
    private sealed class ScriptedTransport(params byte[][] chunks) : IMqttChannel
    {
        private readonly Queue<byte[]> _chunks = new(chunks);

        public List<int> Reads { get; } = [];

        public X509Certificate2 ClientCertificate => null!;

        public EndPoint RemoteEndPoint => new IPEndPoint(IPAddress.Loopback, 1);

        public EndPoint LocalEndPoint => new IPEndPoint(IPAddress.Loopback, 2);

        public bool IsSecureConnection => false;

        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads.Add(count);
            if (count == 0 || !_chunks.TryDequeue(out byte[]? chunk))
            {
                return Task.FromResult(0);
            }

            chunk.AsSpan(0, Math.Min(count, chunk.Length)).CopyTo(buffer.AsSpan(offset));
            return Task.FromResult(Math.Min(count, chunk.Length));
        }

        public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
