using System.Buffers.Binary;
using System.Text;

namespace Carmen.Testing;

/// <summary>MQTT 3.1.1 packets as bytes, for raw connections: the load generator's, and tests' (spec sections 3.1, 3.3, 3.4, 3.8).</summary>
public static class MqttPackets
{
    public const byte ConnAck = 0x20;
    public const byte PubAck = 0x40;
    public const byte SubAck = 0x90;
    public const int PublishType = 3;

    /// <summary>CONNECT with the keep-alive given, an optional user name (an access token; no password) and a clean session unless asked otherwise.</summary>
    public static byte[] Connect(string clientId, string? userName, ushort keepAliveSeconds, bool cleanSession = true)
    {
        var body = new List<byte>();
        body.AddRange([0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, (byte)((cleanSession ? 0x02 : 0) | (userName is null ? 0 : 0x80))]);
        body.AddRange([(byte)(keepAliveSeconds >> 8), (byte)keepAliveSeconds]);
        AddString(body, clientId);
        if (userName is not null)
        {
            AddString(body, userName);
        }

        return Packet(0x10, body);
    }

    /// <summary>PUBLISH at QoS 0 or 1; at QoS 1 the packet id sits at <see cref="PacketIdOffset"/>, for the sender to set.</summary>
    public static byte[] Publish(string topic, string payload, int qos)
    {
        var body = new List<byte>();
        AddString(body, topic);
        if (qos > 0)
        {
            body.AddRange([0, 1]);
        }

        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return Packet((byte)(0x30 | (qos << 1)), body);
    }

    /// <summary>Where a QoS 1 PUBLISH of <paramref name="packet"/> holds its packet id.</summary>
    public static int PacketIdOffset(byte[] packet)
    {
        int header = HeaderLength(packet);
        return header + 2 + BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(header));
    }

    /// <summary>SUBSCRIBE to one filter at a QoS, packet id 1.</summary>
    public static byte[] Subscribe(string filter, int qos)
    {
        var body = new List<byte> { 0, 1 };
        AddString(body, filter);
        body.Add((byte)qos);
        return Packet(0x82, body);
    }

    /// <summary>The bytes of the fixed header (type and flags, then the remaining length's 1 to 4 bytes).</summary>
    public static int HeaderLength(ReadOnlySpan<byte> packet)
    {
        int at = 1;
        while ((packet[at] & 0x80) != 0)
        {
            at++;
        }

        return at + 1;
    }

    /// <summary>
    /// The length of the first whole packet in <paramref name="buffer"/> (fixed header included), or 0 when the buffer
    /// does not hold one yet.
    /// </summary>
    public static int WholePacket(ReadOnlySpan<byte> buffer)
    {
        int remaining = 0, shift = 0;
        for (int at = 1; at < Math.Min(buffer.Length, 5); at++)
        {
            remaining |= (buffer[at] & 0x7F) << shift;
            shift += 7;
            if ((buffer[at] & 0x80) == 0)
            {
                int total = at + 1 + remaining;
                return buffer.Length >= total ? total : 0;
            }
        }

        return 0;
    }

    private static byte[] Packet(byte first, List<byte> body)
    {
        var packet = new List<byte> { first };
        int length = body.Count;
        do
        {
            byte digit = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);

        packet.AddRange(body);
        return [.. packet];
    }

    private static void AddString(List<byte> body, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        body.AddRange([(byte)(bytes.Length >> 8), (byte)bytes.Length]);
        body.AddRange(bytes);
    }
}
