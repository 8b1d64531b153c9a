using MQTTnet.Protocol;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// A connection's bytes break the protocol or declare a packet Carmen refuses to read: the connection is closed (an
/// MQTT 5 client told why with <see cref="ReasonCode"/>), nothing is allocated for the packet.
/// </summary>
internal sealed class MqttPacketRefusedException(string reason, string message, byte reasonCode = MqttPacketRefusedException.MalformedPacket) : Exception(message)
{
    /// <summary>MQTT 5's "malformed packet" reason code.</summary>
    public const byte MalformedPacket = (byte)MqttDisconnectReasonCode.MalformedPacket;

    /// <summary>MQTT 5's "protocol error" reason code.</summary>
    public const byte ProtocolError = (byte)MqttDisconnectReasonCode.ProtocolError;

    /// <summary>MQTT 5's "packet too large" reason code.</summary>
    public const byte PacketTooLarge = (byte)MqttDisconnectReasonCode.PacketTooLarge;

    /// <summary>The tag counted in carmen.mqtt.connections.refused.</summary>
    public string Reason { get; } = reason;

    /// <summary>The DISCONNECT reason code an MQTT 5 client is sent.</summary>
    public byte ReasonCode { get; } = reasonCode;

    public static MqttPacketRefusedException Malformed(string message) => new("malformed", message);

    public static MqttPacketRefusedException Violation(string message) => new("protocol_error", message, ProtocolError);
}
