namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// An MQTT 5 reason code with the reason string that explains it (sent to MQTT 5 clients that take reason strings).
/// <paramref name="Withheld"/>: an MQTT 3.1.1 client, whose acknowledgement cannot say no, is disconnected instead of
/// acknowledged, so it keeps the message and sends it again later.
/// </summary>
internal readonly record struct MqttReason(byte Code, string? Text = null, bool Withheld = false)
{
    public static MqttReason Success => default;
}
