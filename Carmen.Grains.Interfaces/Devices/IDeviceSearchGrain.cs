namespace Carmen.Grains.Interfaces.Devices;

/// <summary>Serves device listings from the query index; a stateless worker so searches scale with the silos.</summary>
[Alias("Carmen.IDeviceSearchGrain")]
public interface IDeviceSearchGrain : IGrainWithIntegerKey
{
    /// <summary>One page of <paramref name="tenantId"/>'s devices matching <paramref name="query"/>.</summary>
    [Alias("Search")]
    Task<DevicePage> SearchAsync(string tenantId, DeviceQuery query, CancellationToken cancellationToken = default);
}
