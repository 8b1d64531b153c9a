namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>A device's live MQTT connection, as its grain records it.</summary>
/// <param name="ConnectionId">Unique per connection, so a late disconnect of an older connection cannot take a newer one offline.</param>
/// <param name="ClientId">The MQTT client id the device chose.</param>
/// <param name="Link">The link of the silo holding the connection; null for a device behind an external broker, which any silo reaches.</param>
/// <param name="Gateway">Which silo holds it (its address), for diagnostics and for taking devices offline when that silo dies; <see cref="ExternalBrokerGateway"/> behind an external broker.</param>
/// <param name="RemoteAddress">The device's IP address and port as the silo saw them.</param>
/// <param name="Protocol">MQTT protocol version: 3.1.0, 3.1.1 or 5.0.0.</param>
/// <param name="ConnectedAt">When its CONNECT was accepted: of two connections of a device, the later one wins.</param>
/// <param name="GatewayDeviceId">The gateway device the connection runs through, for a child of a gateway; null for a device's own connection.</param>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceConnection")]
public sealed record DeviceConnection(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] IDeviceLink? Link,
    [property: Id(3)] string Gateway,
    [property: Id(4)] string? RemoteAddress,
    [property: Id(5)] string Protocol,
    [property: Id(6)] DateTimeOffset ConnectedAt,
    [property: Id(7)] string? GatewayDeviceId = null)
{
    /// <summary>The serial number of the device certificate the connection signed in with; null for a token or basic credentials.</summary>
    [Id(8)] public string? CertificateSerial { get; init; }

    /// <summary>The connection id of every device behind an external broker: Carmen sees its messages, not its connection.</summary>
    public const string Brokered = "external-broker";

    /// <summary>The gateway of brokered connections: no silo holds them, so none going away takes them offline.</summary>
    public const string ExternalBrokerGateway = "external-broker";

    /// <summary>A device's connection through the external broker, registered at <paramref name="at"/>.</summary>
    public static DeviceConnection ThroughExternalBroker(DateTimeOffset at) => new(Brokered, "", null, ExternalBrokerGateway, null, "5.0", at);
}
