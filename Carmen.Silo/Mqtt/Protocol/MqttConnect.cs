namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>A CONNECT, as far as a device listener needs it (MQTT 3.1.1, 3.1; MQTT 5, 3.1). A will is read and not kept: the listener routes nothing between clients.</summary>
internal sealed class MqttConnect
{
    public MqttProtocolLevel Level { get; private init; }

    public string ClientId { get; private init; } = "";

    public bool CleanStart { get; private init; }

    public ushort KeepAliveSeconds { get; private init; }

    public string? UserName { get; private init; }

    public string? Password { get; private init; }

    /// <summary>MQTT 5: the largest packet the client takes; 0 when it sets no limit.</summary>
    public uint MaximumPacketSize { get; private init; }

    /// <summary>MQTT 5: false when the client asked for no reason strings beyond CONNACK and DISCONNECT.</summary>
    public bool RequestProblemInformation { get; private init; } = true;

    /// <summary>MQTT 5: the extended authentication the client asks for, which Carmen does not offer.</summary>
    public string? AuthenticationMethod { get; private init; }

    /// <summary>The CONNECT in <paramref name="frame"/>; an unsupported protocol level is <see cref="MqttUnsupportedProtocolException"/>.</summary>
    public static MqttConnect Parse(in MqttFrame frame)
    {
        var reader = new MqttBodyReader(frame.Body);
        string protocol = reader.ReadString();
        byte level = reader.ReadByte();
        if (!(protocol == "MQTT" && level is 4 or 5) && !(protocol == "MQIsdp" && level == 3))
        {
            throw new MqttUnsupportedProtocolException(level);
        }

        byte flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            throw MqttPacketRefusedException.Malformed("The reserved flag of a CONNECT must be 0 [MQTT-3.1.2-3].");
        }

        bool will = (flags & 0x04) != 0;
        if ((flags & 0x18) == 0x18 || (!will && (flags & 0x38) != 0))
        {
            throw MqttPacketRefusedException.Malformed("The will's QoS and retain flags are invalid [MQTT-3.1.2-11..15].");
        }

        ushort keepAlive = reader.ReadUInt16();
        var protocolLevel = (MqttProtocolLevel)level;
        uint maximumPacketSize = 0;
        bool problemInformation = true;
        string? authenticationMethod = null;
        if (protocolLevel == MqttProtocolLevel.V500)
        {
            MqttBodyReader properties = reader.ReadProperties();
            while (!properties.End)
            {
                byte id = properties.ReadByte();
                switch (id)
                {
                    case 0x27:
                        maximumPacketSize = properties.ReadUInt32();
                        break;
                    case 0x17:
                        problemInformation = properties.ReadByte() != 0;
                        break;
                    case 0x15:
                        authenticationMethod = properties.ReadString();
                        break;
                    default:
                        properties.SkipProperty(id);
                        break;
                }
            }
        }

        // Read leniently, so that an id or name of NUL or broken UTF-8 gets a CONNACK that says which (client id not
        // valid, bad user name) rather than a dropped connection.
        string clientId = reader.ReadLenientString();
        if (will)
        {
            if (protocolLevel == MqttProtocolLevel.V500)
            {
                MqttBodyReader willProperties = reader.ReadProperties();
                while (!willProperties.End)
                {
                    willProperties.SkipProperty(willProperties.ReadByte());
                }
            }

            reader.ReadString();
            reader.ReadBinary();
        }

        string? userName = (flags & 0x80) != 0 ? reader.ReadLenientString() : null;
        string? password = (flags & 0x40) != 0 ? reader.ReadLenientString() : null;
        return new MqttConnect
        {
            Level = protocolLevel,
            ClientId = clientId,
            CleanStart = (flags & 0x02) != 0,
            KeepAliveSeconds = keepAlive,
            UserName = userName,
            Password = password,
            MaximumPacketSize = maximumPacketSize,
            RequestProblemInformation = problemInformation,
            AuthenticationMethod = authenticationMethod,
        };
    }
}
