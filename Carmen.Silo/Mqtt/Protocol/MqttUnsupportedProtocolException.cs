namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>A CONNECT naming a protocol or level Carmen does not speak: answered with "unacceptable protocol version", then closed.</summary>
internal sealed class MqttUnsupportedProtocolException(byte level) : Exception($"Protocol level {level} is not MQTT 3.1, 3.1.1 or 5.")
{
    public byte Level { get; } = level;
}
