using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>The topics devices publish to all the time, recognised in their bytes so that a message's topic costs no string.</summary>
internal static class MqttTopics
{
    public static string? Known(ReadOnlySpan<byte> topic) =>
        topic.SequenceEqual("v1/devices/me/telemetry"u8) ? DeviceTopics.Telemetry
        : topic.SequenceEqual("v1/devices/me/attributes"u8) ? DeviceTopics.Attributes
        : topic.SequenceEqual("v1/gateway/telemetry"u8) ? GatewayTopics.Telemetry
        : topic.SequenceEqual("v1/gateway/attributes"u8) ? GatewayTopics.Attributes
        : null;
}
