namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>The protocol level a CONNECT names: MQTT 3.1 ("MQIsdp"), 3.1.1 and 5.</summary>
internal enum MqttProtocolLevel : byte
{
    V310 = 3,
    V311 = 4,
    V500 = 5,
}
