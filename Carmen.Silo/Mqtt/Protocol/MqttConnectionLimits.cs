namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>What a connection may send: the CONNECT within a time and a size, then packets up to a size.</summary>
internal sealed record MqttConnectionLimits(TimeSpan ConnectTimeout, int MaxConnectPacketBytes, int MaxPacketBytes);
