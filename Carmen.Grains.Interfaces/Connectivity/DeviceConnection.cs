namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>A device's live MQTT connection, as its grain records it.</summary>
/// <param name="ConnectionId">Unique per connection, so a late disconnect of an older connection cannot take a newer one offline.</param>
/// <param name="ClientId">The MQTT client id the device chose.</param>
/// <param name="Link">The link of the silo holding the connection.</param>
/// <param name="Gateway">Which silo holds it (its address), for diagnostics and for taking devices offline when that silo dies.</param>
/// <param name="RemoteAddress">The device's IP address and port as the silo saw them.</param>
/// <param name="Protocol">MQTT protocol version: 3.1.0, 3.1.1 or 5.0.0.</param>
/// <param name="ConnectedAt">When its CONNECT was accepted: of two connections of a device, the later one wins.</param>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceConnection")]
public sealed record DeviceConnection(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] IDeviceLink Link,
    [property: Id(3)] string Gateway,
    [property: Id(4)] string? RemoteAddress,
    [property: Id(5)] string Protocol,
    [property: Id(6)] DateTimeOffset ConnectedAt);
