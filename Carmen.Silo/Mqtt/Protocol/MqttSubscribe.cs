namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>A SUBSCRIBE or UNSUBSCRIBE: its packet id and topic filters (with the QoS asked for, when subscribing).</summary>
internal sealed class MqttSubscribe
{
    public ushort PacketId { get; private init; }

    public IReadOnlyList<(string Filter, byte Qos)> Filters { get; private init; } = [];

    public static MqttSubscribe Parse(in MqttFrame frame, MqttProtocolLevel level, bool unsubscribe)
    {
        if (frame.Flags != 0x02)
        {
            throw MqttPacketRefusedException.Malformed("The flags of a SUBSCRIBE or UNSUBSCRIBE must be 0010 [MQTT-3.8.1-1].");
        }

        var reader = new MqttBodyReader(frame.Body);
        ushort packetId = reader.ReadUInt16();
        if (level == MqttProtocolLevel.V500)
        {
            MqttBodyReader properties = reader.ReadProperties();
            while (!properties.End)
            {
                properties.SkipProperty(properties.ReadByte());
            }
        }

        var filters = new List<(string, byte)>();
        while (!reader.End)
        {
            string filter = reader.ReadString();
            byte qos = 0;
            if (!unsubscribe)
            {
                byte options = reader.ReadByte();
                qos = (byte)(options & 0x03);
                if (qos == 3 || (options & (level == MqttProtocolLevel.V500 ? 0xC0 : 0xFC)) != 0)
                {
                    throw MqttPacketRefusedException.Malformed("A subscription's options have reserved bits set or QoS 3 [MQTT-3.8.3-4].");
                }
            }

            filters.Add((filter, qos));
        }

        if (filters.Count == 0)
        {
            throw MqttPacketRefusedException.Violation("A SUBSCRIBE or UNSUBSCRIBE names at least one topic filter [MQTT-3.8.3-2].");
        }

        return new MqttSubscribe { PacketId = packetId, Filters = filters };
    }
}
