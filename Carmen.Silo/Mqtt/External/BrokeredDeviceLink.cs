using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Silo.Mqtt.External;

/// <summary>
/// A device grain's way to a device behind the external broker, through its own silo's client. A broker's connections
/// are its own: closing one is the broker's business (revoke the device's broker credentials there); Carmen refuses
/// the device's traffic from then on instead.
/// </summary>
internal sealed class BrokeredDeviceLink(ExternalBrokerBridge bridge, DeviceKey device) : IDeviceLink
{
    public Task<bool> SendAsync(string connectionId, DeviceMessage message) => bridge.PublishAsync(device, message);

    public Task CloseAsync(string connectionId, DeviceCloseReason reason) => Task.CompletedTask;
}
