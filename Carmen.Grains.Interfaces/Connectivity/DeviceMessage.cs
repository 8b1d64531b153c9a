namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>A message to a device: the topic as the device sees it (for example v1/devices/me/attributes) and its payload.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceMessage")]
public sealed record DeviceMessage([property: Id(0)] string Topic, [property: Id(1)] byte[] Payload);
