using MQTTnet.Exceptions;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>A connection's bytes declared a packet Carmen refuses to read; the connection is closed, nothing is allocated for it.</summary>
internal sealed class MqttPacketRefusedException(string reason, string message) : MqttProtocolViolationException(message)
{
    /// <summary>The tag counted in carmen.mqtt.connections.refused.</summary>
    public string Reason { get; } = reason;
}
