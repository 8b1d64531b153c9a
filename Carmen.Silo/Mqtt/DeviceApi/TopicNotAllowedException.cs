namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>A device published outside the device API; the message says where.</summary>
internal sealed class TopicNotAllowedException(string detail) : Exception(detail);
