using System.Buffers;
using MQTTnet.Channel;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// A TCP (or TLS) connection read in bulk. MQTTnet reads each packet with two small reads (its fixed header, then
/// the rest), each a receive call on the socket; this channel waits for data with a zero-byte read, holding no buffer
/// while the connection is idle, then takes whatever has arrived with one receive into a pooled buffer and serves
/// MQTTnet's reads from it, giving the buffer back once drained. A device sending many messages at once costs one
/// receive for all of them; one sending a message now and then costs what it did. A buffer still held when the
/// connection is disposed is left to the collector, since a read may be finishing with it.
/// </summary>
internal sealed class BufferedMqttChannel(IMqttChannel inner) : DelegatingMqttChannel(inner)
{
    private const int ReceiveSize = 16 * 1024;

    private byte[]? _buffer;
    private int _start;
    private int _end;

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_start < _end)
        {
            return Task.FromResult(Take(buffer, offset, count));
        }

        // A large body goes straight into MQTTnet's buffer, past this one.
        return count >= ReceiveSize ? Inner.ReadAsync(buffer, offset, count, cancellationToken) : ReceiveAsync(buffer, offset, count, cancellationToken);
    }

    private async Task<int> ReceiveAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        await Inner.ReadAsync([], 0, 0, cancellationToken); // completes when bytes (or the end of the stream) are there
        byte[] received = ArrayPool<byte>.Shared.Rent(ReceiveSize);
        int length;
        try
        {
            length = await Inner.ReadAsync(received, 0, received.Length, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(received);
            throw;
        }

        if (length <= 0)
        {
            ArrayPool<byte>.Shared.Return(received);
            return length;
        }

        (_buffer, _start, _end) = (received, 0, length);
        return Take(buffer, offset, count);
    }

    private int Take(byte[] buffer, int offset, int count)
    {
        int length = Math.Min(count, _end - _start);
        _buffer.AsSpan(_start, length).CopyTo(buffer.AsSpan(offset));
        _start += length;
        if (_start == _end)
        {
            ArrayPool<byte>.Shared.Return(_buffer!);
            (_buffer, _start, _end) = (null, 0, 0);
        }

        return length;
    }
}
