using System.Buffers;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// One whole control packet as it lies in the connection's buffer: the first byte and the body, a slice of the buffer
/// (no copy), valid until the reader is advanced past it.
/// </summary>
internal readonly struct MqttFrame(byte header, ReadOnlySequence<byte> body)
{
    public MqttPacketType Type => (MqttPacketType)(header >> 4);

    /// <summary>The low four bits of the first byte (a PUBLISH's DUP, QoS and RETAIN; fixed values elsewhere).</summary>
    public byte Flags => (byte)(header & 0x0F);

    public ReadOnlySequence<byte> Body { get; } = body;

    /// <summary>
    /// Takes the next whole packet off the front of <paramref name="buffer"/>; false when it is not all there yet. A
    /// packet declaring more than <paramref name="maxBytes"/> is refused as soon as its length is read, before its body
    /// arrives.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxBytes, out MqttFrame frame)
    {
        frame = default;
        if (buffer.IsEmpty)
        {
            return false;
        }

        var reader = new SequenceReader<byte>(buffer);
        reader.TryRead(out byte header);
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (!reader.TryRead(out byte next))
            {
                return false;
            }

            length |= (next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                break;
            }

            if (shift == 21)
            {
                throw MqttPacketRefusedException.Malformed("The remaining length takes at most four bytes [MQTT-2.2.3].");
            }
        }

        if (length > maxBytes)
        {
            throw new MqttPacketRefusedException("packet_too_large", $"A packet of {length} bytes exceeds the limit of {maxBytes} bytes.", MqttPacketRefusedException.PacketTooLarge);
        }

        if (reader.Remaining < length)
        {
            return false;
        }

        ReadOnlySequence<byte> body = buffer.Slice(reader.Position, length);
        frame = new MqttFrame(header, body);
        buffer = buffer.Slice(body.End);
        return true;
    }
}
