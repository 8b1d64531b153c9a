using System.Buffers;
using System.Text;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// Reads a packet body's fields (MQTT 5, 1.5): integers big-endian, variable byte integers, length-prefixed strings
/// (strict UTF-8 without U+0000) and binary data. Running short of bytes, or a bad string, is a malformed packet.
/// </summary>
internal ref struct MqttBodyReader(ReadOnlySequence<byte> body)
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SequenceReader<byte> _reader = new(body);

    public readonly bool End => _reader.End;

    public byte ReadByte() => _reader.TryRead(out byte value) ? value : throw Truncated();

    public ushort ReadUInt16() => _reader.TryReadBigEndian(out short value) ? (ushort)value : throw Truncated();

    public uint ReadUInt32() => _reader.TryReadBigEndian(out int value) ? (uint)value : throw Truncated();

    public int ReadVariableInteger()
    {
        int value = 0;
        for (int shift = 0; shift <= 21; shift += 7)
        {
            byte next = ReadByte();
            value |= (next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw MqttPacketRefusedException.Malformed("A variable byte integer takes at most four bytes.");
    }

    /// <summary>A UTF-8 string field; the text of the few topics devices use all the time comes without an allocation.</summary>
    public string ReadString()
    {
        ReadOnlySequence<byte> bytes = Take(ReadUInt16());
        ReadOnlySpan<byte> span = bytes.IsSingleSegment ? bytes.FirstSpan : bytes.ToArray();
        return MqttTopics.Known(span) ?? Decode(span);
    }

    /// <summary>A string field where any bytes are taken (broken UTF-8 becomes U+FFFD) for the reader to judge, or binary data taken as text (a password).</summary>
    public string ReadLenientString() => Encoding.UTF8.GetString(Take(ReadUInt16()));

    public ReadOnlySequence<byte> ReadBinary() => Take(ReadUInt16());

    /// <summary>Everything left (a PUBLISH's payload).</summary>
    public ReadOnlySequence<byte> ReadRest() => Take(_reader.Remaining);

    /// <summary>An MQTT 5 property block: its length, then a reader over it alone.</summary>
    public MqttBodyReader ReadProperties() => new(Take(ReadVariableInteger()));

    /// <summary>Skips the value of property <paramref name="id"/>, whose type the specification fixes (MQTT 5, 2.2.2.2).</summary>
    public void SkipProperty(byte id)
    {
        switch (id)
        {
            case 0x01 or 0x17 or 0x19 or 0x24 or 0x25 or 0x28 or 0x29 or 0x2A:
                ReadByte();
                break;
            case 0x13 or 0x21 or 0x22 or 0x23:
                ReadUInt16();
                break;
            case 0x02 or 0x11 or 0x18 or 0x27:
                ReadUInt32();
                break;
            case 0x0B:
                ReadVariableInteger();
                break;
            case 0x03 or 0x08 or 0x12 or 0x15 or 0x1A or 0x1C or 0x1F:
                ReadString();
                break;
            case 0x09 or 0x16:
                ReadBinary();
                break;
            case 0x26:
                ReadString();
                ReadString();
                break;
            default:
                throw MqttPacketRefusedException.Malformed($"Unknown property identifier 0x{id:X2}.");
        }
    }

    private ReadOnlySequence<byte> Take(long length)
    {
        if (_reader.Remaining < length)
        {
            throw Truncated();
        }

        ReadOnlySequence<byte> taken = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return taken;
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
        {
            throw MqttPacketRefusedException.Malformed("A UTF-8 string must not contain U+0000 [MQTT-1.5.4-2].");
        }

        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw MqttPacketRefusedException.Malformed("A string is not well-formed UTF-8 [MQTT-1.5.4-1].");
        }
    }

    private static MqttPacketRefusedException Truncated() => MqttPacketRefusedException.Malformed("The packet ends before its fields do.");
}
