namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// Follows the MQTT fixed headers in a connection's byte stream as it is read, before MQTTnet allocates a packet's
/// body: a packet declaring more than the limit is refused the moment its remaining length is read. The first packet
/// must be a CONNECT and is held to a smaller limit, since nothing about the client is known yet. One per connection,
/// read by one reader at a time.
/// </summary>
internal sealed class MqttPacketGuard(int connectMaxBytes, int maxPacketBytes)
{
    private const byte ConnectType = 0x10;

    private Stage _stage;
    private int _length;
    private int _multiplier;
    private int _lengthBytes;
    private int _remaining;

    private enum Stage
    {
        Type,
        Length,
        Body,
    }

    /// <summary>True once the first packet (the CONNECT) has been read whole.</summary>
    public bool ConnectRead { get; private set; }

    /// <summary>Called once, when the CONNECT has been read whole.</summary>
    public Action? ConnectCompleted { get; init; }

    /// <summary>Takes the next bytes read; a <see cref="MqttPacketRefusedException"/> when they declare what is refused.</summary>
    public void Observe(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            switch (_stage)
            {
                case Stage.Type:
                    if (!ConnectRead && (bytes[i] & 0xF0) != ConnectType)
                    {
                        throw new MqttPacketRefusedException("not_connect", "The first packet of a connection must be a CONNECT [MQTT-3.1.0-1].");
                    }

                    (_stage, _length, _multiplier, _lengthBytes) = (Stage.Length, 0, 1, 0);
                    i++;
                    break;
                case Stage.Length:
                    byte next = bytes[i++];
                    _length += (next & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    int limit = ConnectRead ? maxPacketBytes : connectMaxBytes;
                    if (_length > limit)
                    {
                        throw new MqttPacketRefusedException(
                            "packet_too_large",
                            $"A packet of at least {_length} bytes exceeds the limit of {limit} bytes{(ConnectRead ? "" : " before the CONNECT is accepted")}.");
                    }

                    if ((next & 0x80) == 0)
                    {
                        _remaining = _length;
                        _stage = Stage.Body;
                        if (_remaining == 0)
                        {
                            PacketRead();
                        }
                    }
                    else if (++_lengthBytes == 4)
                    {
                        throw new MqttPacketRefusedException("malformed", "The remaining length takes at most four bytes [MQTT-2.2.3].");
                    }

                    break;
                default:
                    int take = Math.Min(_remaining, bytes.Length - i);
                    i += take;
                    _remaining -= take;
                    if (_remaining == 0)
                    {
                        PacketRead();
                    }

                    break;
            }
        }
    }

    private void PacketRead()
    {
        _stage = Stage.Type;
        if (!ConnectRead)
        {
            ConnectRead = true;
            ConnectCompleted?.Invoke();
        }
    }
}
