namespace Carmen.Silo.Mqtt;

/// <summary>How devices reach the silos.</summary>
public enum MqttMode
{
    /// <summary>Every silo runs its own MQTT listener (the default).</summary>
    Embedded,

    /// <summary>Devices connect to an existing broker; the silos consume their traffic as clients of it.</summary>
    External,
}
