using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Mqtt.DeviceApi;

namespace Carmen.Silo.Mqtt.External;

/// <summary>A device whose message came through the external broker: its replies go back through the broker.</summary>
internal sealed record BrokeredDevice(DeviceKey Device, IConnectedDeviceGrain Grain, DeviceRates Rates, ExternalBrokerBridge Bridge) : IDeviceEndpoint
{
    public string ConnectionId => DeviceConnection.Brokered;

    public async Task ReplyAsync(DeviceMessage message) => await Bridge.PublishAsync(Device, message);
}
