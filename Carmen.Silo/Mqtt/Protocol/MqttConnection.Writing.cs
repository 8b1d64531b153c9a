using System.IO.Pipelines;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// The connection's writing side: packets are written under one lock, by the read loop (acknowledgements, flushed
/// once per read) and by the server (messages to the client, flushed at once), and the server's end of a connection.
/// </summary>
internal sealed partial class MqttConnection
{
    /// <summary>Sends a PUBLISH to the client; false when the connection is closing or the message exceeds the client's maximum packet size.</summary>
    public async Task<bool> SendAsync(string topic, ReadOnlyMemory<byte> payload, byte qos)
    {
        if (Volatile.Read(ref _closing) != 0 || !_connected || MqttPacketWriter.PublishSize(topic, payload.Length, qos, Level) > _maximumOutbound)
        {
            return false;
        }

        ushort packetId = qos > 0 ? NextPacketId() : (ushort)0;
        await _writing.WaitAsync();
        try
        {
            if (_outputCompleted)
            {
                return false;
            }

            MqttPacketWriter.Publish(output, topic, payload.Span, qos, packetId, Level);
            _acksPending = false;
            FlushResult flushed = await output.FlushAsync();
            return !flushed.IsCanceled && !flushed.IsCompleted;
        }
        catch (Exception gone) when (gone is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Ends the connection from the server's side: an MQTT 5 client is sent a DISCONNECT with <paramref name="reasonCode"/>
    /// first (best effort: a peer that does not read cannot hold the close up). Nothing when it is already closing.
    /// </summary>
    public async Task CloseAsync(byte reasonCode)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        if (_connected && Level == MqttProtocolLevel.V500 && await _writing.WaitAsync(TimeSpan.FromSeconds(1)))
        {
            try
            {
                if (!_outputCompleted)
                {
                    MqttPacketWriter.Disconnect(output, reasonCode);
                    using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await output.FlushAsync(patience.Token);
                }
            }
            catch (Exception gone) when (gone is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                // Closing anyway.
            }
            finally
            {
                _writing.Release();
            }
        }

        input.CancelPendingRead();
        output.CancelPendingFlush();
    }

    private ValueTask WriteAckAsync(MqttPacketType type, ushort packetId, MqttReason reason) =>
        WriteAsync(
            static (output, state) => MqttPacketWriter.Ack(output, state.Type, state.PacketId, state.Level, state.Reason.Code, state.Reason.Text, state.Limit),
            (Type: type, PacketId: packetId, Level, Reason: reason, Limit: _maximumOutbound));

    /// <summary>Writes a packet; it goes out with the flush at the end of the read it answers.</summary>
    private async ValueTask WriteAsync<TState>(Action<PipeWriter, TState> write, TState state)
    {
        await _writing.WaitAsync();
        try
        {
            if (!_outputCompleted)
            {
                write(output, state);
                _acksPending = true;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    private async ValueTask FlushAcksAsync()
    {
        await _writing.WaitAsync();
        try
        {
            if (_acksPending && !_outputCompleted)
            {
                _acksPending = false;
                await output.FlushAsync();
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    private async ValueTask ConnAckAsync(byte reasonCode, string? assignedClientId)
    {
        await WriteAsync(
            static (output, state) => MqttPacketWriter.ConnAck(output, state.Level, state.Code, state.Assigned, state.Max),
            (Level, Code: reasonCode, Assigned: assignedClientId, Max: limits.MaxPacketBytes));
        await FlushAcksAsync();
    }

    private ushort NextPacketId()
    {
        // 1 to 65535: 0 is not a packet id [MQTT-2.2.1-3].
        int next = Interlocked.Increment(ref _packetId);
        return (ushort)(((next - 1) % ushort.MaxValue) + 1);
    }
}
