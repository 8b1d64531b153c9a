using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>Where a device's messages come from, as the device API router needs it: a connection on this silo, or the external broker.</summary>
internal interface IDeviceEndpoint
{
    DeviceKey Device { get; }

    IConnectedDeviceGrain Grain { get; }

    /// <summary>The connection the grain knows the device by (<see cref="DeviceConnection.Brokered"/> behind an external broker).</summary>
    string ConnectionId { get; }

    DeviceRates Rates { get; }

    /// <summary>Publishes a reply (attribute response, client-side RPC answer) to the device.</summary>
    Task ReplyAsync(DeviceMessage message);
}
