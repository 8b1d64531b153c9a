using Carmen.Grains.Diagnostics;
using MQTTnet.Channel;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// A connection's transport (TCP, TLS or WebSocket) with its bytes shown to a <see cref="MqttPacketGuard"/> as they
/// are read, so MQTTnet never reads, let alone allocates, a packet larger than Carmen takes.
/// </summary>
internal sealed class GuardedMqttChannel(IMqttChannel inner, MqttPacketGuard guard) : DelegatingMqttChannel(inner)
{
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Task<int> read = Inner.ReadAsync(buffer, offset, count, cancellationToken);
        if (!read.IsCompletedSuccessfully)
        {
            return ObserveWhenReadAsync(read, buffer, offset);
        }

        // Most reads complete at once (the bytes are already buffered): no state machine, the same task handed on.
        Observe(buffer.AsSpan(offset, read.Result));
        return read;
    }

    private async Task<int> ObserveWhenReadAsync(Task<int> read, byte[] buffer, int offset)
    {
        int count = await read;
        Observe(buffer.AsSpan(offset, count));
        return count;
    }

    private void Observe(ReadOnlySpan<byte> bytes)
    {
        try
        {
            guard.Observe(bytes);
        }
        catch (MqttPacketRefusedException refused)
        {
            // MQTTnet closes the connection on the exception and logs it as its own; the count is Carmen's.
            CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", refused.Reason));
            throw;
        }
    }
}
