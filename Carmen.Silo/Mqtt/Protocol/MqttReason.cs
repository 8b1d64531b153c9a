namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>An MQTT 5 reason code with the reason string that explains it (sent to MQTT 5 clients that take reason strings).</summary>
internal readonly record struct MqttReason(byte Code, string? Text = null)
{
    public static MqttReason Success => default;
}
