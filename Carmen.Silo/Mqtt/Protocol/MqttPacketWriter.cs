using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// Encodes the packets a server sends, straight into the connection's output buffer. MQTT 3.1 and 3.1.1 get their
/// fixed forms (return codes instead of reason codes, no properties); reason strings go to MQTT 5 clients only, and
/// only when the packet still fits the client's maximum packet size.
/// </summary>
internal static class MqttPacketWriter
{
    private const byte ReasonStringProperty = 0x1F;

    public static void ConnAck(IBufferWriter<byte> output, MqttProtocolLevel level, byte reasonCode, string? assignedClientId, int maximumPacketSize)
    {
        if (level != MqttProtocolLevel.V500)
        {
            Span<byte> fixedForm = output.GetSpan(4);
            (fixedForm[0], fixedForm[1], fixedForm[2], fixedForm[3]) = ((byte)0x20, (byte)2, (byte)0, ReturnCodeOf(reasonCode));
            output.Advance(4);
            return;
        }

        // Maximum packet size, shared subscriptions not available, and the id assigned to a client that sent none.
        int assigned = assignedClientId is null ? 0 : 3 + Encoding.UTF8.GetByteCount(assignedClientId);
        int properties = 5 + 2 + assigned;
        var packet = new Writer(output, 0x20, 2 + VariableIntegerSize(properties) + properties);
        packet.Byte(0);
        packet.Byte(reasonCode);
        packet.VariableInteger(properties);
        packet.Byte(0x27);
        packet.UInt32((uint)maximumPacketSize);
        packet.Byte(0x2A);
        packet.Byte(0);
        if (assignedClientId is not null)
        {
            packet.Byte(0x12);
            packet.String(assignedClientId);
        }

        packet.Done();
    }

    /// <summary>PUBACK, PUBREC, PUBREL or PUBCOMP for <paramref name="packetId"/>.</summary>
    public static void Ack(IBufferWriter<byte> output, MqttPacketType type, ushort packetId, MqttProtocolLevel level, byte reasonCode, string? reasonString, int maximumPacketSize)
    {
        byte first = (byte)(((int)type << 4) | (type == MqttPacketType.PubRel ? 0x02 : 0));
        if (level != MqttProtocolLevel.V500 || (reasonCode == 0 && reasonString is null))
        {
            Span<byte> shortForm = output.GetSpan(4);
            shortForm[0] = first;
            shortForm[1] = 2;
            BinaryPrimitives.WriteUInt16BigEndian(shortForm[2..], packetId);
            output.Advance(4);
            return;
        }

        int properties = ReasonStringSize(reasonString, 4 + 4, maximumPacketSize);
        var packet = new Writer(output, first, 3 + VariableIntegerSize(properties) + properties);
        packet.UInt16(packetId);
        packet.Byte(reasonCode);
        packet.VariableInteger(properties);
        if (properties > 0)
        {
            packet.Byte(ReasonStringProperty);
            packet.String(reasonString!);
        }

        packet.Done();
    }

    /// <summary>SUBACK with one reason code per filter (granted QoS, or a refusal of 0x80 and above).</summary>
    public static void SubAck(IBufferWriter<byte> output, ushort packetId, MqttProtocolLevel level, ReadOnlySpan<byte> reasonCodes, string? reasonString, int maximumPacketSize)
    {
        if (level != MqttProtocolLevel.V500)
        {
            var fixedForm = new Writer(output, 0x90, 2 + reasonCodes.Length);
            fixedForm.UInt16(packetId);
            foreach (byte code in reasonCodes)
            {
                fixedForm.Byte(code < 0x80 ? code : (byte)0x80);
            }

            fixedForm.Done();
            return;
        }

        int properties = ReasonStringSize(reasonString, 2 + 4 + 4 + reasonCodes.Length, maximumPacketSize);
        var packet = new Writer(output, 0x90, 2 + VariableIntegerSize(properties) + properties + reasonCodes.Length);
        packet.UInt16(packetId);
        packet.VariableInteger(properties);
        if (properties > 0)
        {
            packet.Byte(ReasonStringProperty);
            packet.String(reasonString!);
        }

        foreach (byte code in reasonCodes)
        {
            packet.Byte(code);
        }

        packet.Done();
    }

    /// <summary>UNSUBACK; MQTT 5 gets "success" for each of the <paramref name="filters"/>.</summary>
    public static void UnsubAck(IBufferWriter<byte> output, ushort packetId, MqttProtocolLevel level, int filters)
    {
        bool v5 = level == MqttProtocolLevel.V500;
        var packet = new Writer(output, 0xB0, v5 ? 3 + filters : 2);
        packet.UInt16(packetId);
        if (v5)
        {
            packet.Byte(0);
            for (int i = 0; i < filters; i++)
            {
                packet.Byte(0);
            }
        }

        packet.Done();
    }

    public static void PingResp(IBufferWriter<byte> output)
    {
        Span<byte> span = output.GetSpan(2);
        (span[0], span[1]) = (0xD0, 0);
        output.Advance(2);
    }

    /// <summary>An MQTT 5 DISCONNECT with <paramref name="reasonCode"/> (earlier versions have no server DISCONNECT).</summary>
    public static void Disconnect(IBufferWriter<byte> output, byte reasonCode)
    {
        Span<byte> span = output.GetSpan(3);
        (span[0], span[1], span[2]) = (0xE0, 1, reasonCode);
        output.Advance(3);
    }

    /// <summary>The size of a PUBLISH of <paramref name="topic"/> and <paramref name="payloadLength"/> bytes, to hold it to the client's limit.</summary>
    public static int PublishSize(string topic, int payloadLength, byte qos, MqttProtocolLevel level)
    {
        int remaining = 2 + Encoding.UTF8.GetByteCount(topic) + (qos > 0 ? 2 : 0) + (level == MqttProtocolLevel.V500 ? 1 : 0) + payloadLength;
        return 1 + VariableIntegerSize(remaining) + remaining;
    }

    public static void Publish(IBufferWriter<byte> output, string topic, ReadOnlySpan<byte> payload, byte qos, ushort packetId, MqttProtocolLevel level)
    {
        bool v5 = level == MqttProtocolLevel.V500;
        var packet = new Writer(output, (byte)(0x30 | (qos << 1)), 2 + Encoding.UTF8.GetByteCount(topic) + (qos > 0 ? 2 : 0) + (v5 ? 1 : 0) + payload.Length);
        packet.String(topic);
        if (qos > 0)
        {
            packet.UInt16(packetId);
        }

        if (v5)
        {
            packet.Byte(0);
        }

        packet.Bytes(payload);
        packet.Done();
    }

    /// <summary>MQTT 3.1.1's CONNACK return code for an MQTT 5 reason code (MQTT 5, 3.2.2.2 and 3.1.1, 3.2.2.3).</summary>
    private static byte ReturnCodeOf(byte reasonCode) => reasonCode switch
    {
        0x00 => 0,
        0x84 => 1,
        0x85 => 2,
        0x88 or 0x89 or 0x9C or 0x9D => 3,
        0x86 or 0x8C => 4,
        _ => 5,
    };

    /// <summary>The size of the reason string property, or 0 when there is none or it would push the packet past the client's limit.</summary>
    private static int ReasonStringSize(string? reasonString, int rest, int maximumPacketSize)
    {
        if (reasonString is null)
        {
            return 0;
        }

        int size = 3 + Encoding.UTF8.GetByteCount(reasonString);
        return size + rest > maximumPacketSize || size > ushort.MaxValue ? 0 : size;
    }

    private static int VariableIntegerSize(int value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    /// <summary>Writes one packet into a span taken from the output at once: the fixed header, then the fields in order.</summary>
    private ref struct Writer
    {
        private readonly IBufferWriter<byte> _output;
        private readonly Span<byte> _span;
        private int _written;

        public Writer(IBufferWriter<byte> output, byte first, int remaining)
        {
            _output = output;
            _span = output.GetSpan(1 + VariableIntegerSize(remaining) + remaining);
            Byte(first);
            VariableInteger(remaining);
        }

        public void Byte(byte value) => _span[_written++] = value;

        public void UInt16(ushort value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_span[_written..], value);
            _written += 2;
        }

        public void UInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_span[_written..], value);
            _written += 4;
        }

        public void VariableInteger(int value)
        {
            do
            {
                byte next = (byte)(value & 0x7F);
                value >>= 7;
                Byte(value > 0 ? (byte)(next | 0x80) : next);
            }
            while (value > 0);
        }

        public void String(string value)
        {
            int length = Encoding.UTF8.GetBytes(value, _span[(_written + 2)..]);
            UInt16((ushort)length);
            _written += length;
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_span[_written..]);
            _written += value.Length;
        }

        public readonly void Done() => _output.Advance(_written);
    }
}
