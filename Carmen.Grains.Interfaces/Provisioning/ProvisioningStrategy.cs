namespace Carmen.Grains.Interfaces.Provisioning;

/// <summary>How a provisioning profile treats the device named in a request (ThingsBoard's two strategies).</summary>
[GenerateSerializer, Alias("Carmen.ProvisioningStrategy")]
public enum ProvisioningStrategy
{
    /// <summary>The device is registered by its request; a name already in use is refused.</summary>
    AllowCreateNewDevices = 0,

    /// <summary>The device must have been registered beforehand under its name; its request issues its credentials, once.</summary>
    CheckPreProvisionedDevices = 1,
}
