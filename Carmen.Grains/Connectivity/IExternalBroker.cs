using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Connectivity;

/// <summary>
/// The external MQTT broker devices connect to in Carmen:Mqtt:Mode=External. Every silo holds a client of it, so a
/// device grain reaches its device through its own silo's client: no call to another silo, and no silo whose loss
/// cuts the device off.
/// </summary>
public interface IExternalBroker
{
    /// <summary>The link publishing to <paramref name="device"/>'s topics on the broker.</summary>
    IDeviceLink LinkTo(DeviceKey device);
}
