using System.Buffers;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>A PUBLISH from a client: its topic, QoS, packet id and payload (a slice of the connection's buffer, not a copy).</summary>
internal readonly struct MqttPublish
{
    public string Topic { get; private init; }

    public byte Qos { get; private init; }

    public ushort PacketId { get; private init; }

    public ReadOnlySequence<byte> Payload { get; private init; }

    public static MqttPublish Parse(in MqttFrame frame, MqttProtocolLevel level)
    {
        byte qos = (byte)((frame.Flags >> 1) & 0x03);
        if (qos == 3)
        {
            throw MqttPacketRefusedException.Malformed("A PUBLISH must not have QoS 3 [MQTT-3.3.1-4].");
        }

        var reader = new MqttBodyReader(frame.Body);
        string topic = reader.ReadString();
        if (topic.Length == 0 || topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            throw MqttPacketRefusedException.Violation("A PUBLISH names a topic without wildcards [MQTT-3.3.2-2]; topic aliases are not offered.");
        }

        ushort packetId = qos > 0 ? reader.ReadUInt16() : (ushort)0;
        if (level == MqttProtocolLevel.V500)
        {
            MqttBodyReader properties = reader.ReadProperties();
            while (!properties.End)
            {
                byte id = properties.ReadByte();
                if (id == 0x23)
                {
                    throw MqttPacketRefusedException.Violation("Topic aliases are not offered (the CONNACK's topic alias maximum is 0) [MQTT-3.3.2-8].");
                }

                properties.SkipProperty(id);
            }
        }

        return new MqttPublish { Topic = topic, Qos = qos, PacketId = packetId, Payload = reader.ReadRest() };
    }
}
