using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// A device behind a gateway, online through the gateway's connection: its messages arrive on the gateway API, and
/// what its grain sends it goes to the gateway, rewritten for the gateway API.
/// </summary>
internal sealed class GatewayChild(GatewayConnection gateway, string name, DeviceKey device, IConnectedDeviceGrain grain, DeviceRates rates) : IDeviceEndpoint
{
    public GatewayConnection Gateway => gateway;

    /// <summary>The name the gateway knows it by.</summary>
    public string Name => name;

    public DeviceKey Device => device;

    public IConnectedDeviceGrain Grain => grain;

    public string ConnectionId { get; } = Guid.NewGuid().ToString("N");

    public DeviceRates Rates => rates;

    public Task ReplyAsync(DeviceMessage message) => gateway.DeliverAsync(this, message);
}
