namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// One silo's MQTT connections, as an observer device grains call to reach a connected device wherever its grain is
/// active. One link per silo, not per connection: the grain names the connection in every call.
/// </summary>
[Alias("Carmen.IDeviceLink")]
public interface IDeviceLink : IGrainObserver
{
    /// <summary>Publishes to the device on this connection; false when the connection is gone or has not subscribed to the topic.</summary>
    [Alias("Send")]
    Task<bool> SendAsync(string connectionId, DeviceMessage message);

    /// <summary>Closes the connection, telling an MQTT 5 device why.</summary>
    [Alias("Close")]
    Task CloseAsync(string connectionId, DeviceCloseReason reason);
}
