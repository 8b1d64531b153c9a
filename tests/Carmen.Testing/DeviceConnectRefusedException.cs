using MQTTnet;

namespace Carmen.Testing;

/// <summary>The server answered CONNECT with a CONNACK that is not success.</summary>
public sealed class DeviceConnectRefusedException(MqttClientConnectResultCode resultCode)
    : Exception($"CONNECT refused: {resultCode}")
{
    public MqttClientConnectResultCode ResultCode { get; } = resultCode;
}
