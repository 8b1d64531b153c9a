using Carmen.Grains.Interfaces.Devices;
using Orleans.Concurrency;

namespace Carmen.Grains.Devices;

/// <summary>Answers listings from the query index on whichever silo takes the call.</summary>
[StatelessWorker]
[GrainType("device-search")]
public sealed class DeviceSearchGrain(IDeviceIndex index) : Grain, IDeviceSearchGrain
{
    public Task<DevicePage> SearchAsync(string tenantId, DeviceQuery query, CancellationToken cancellationToken) =>
        index.QueryAsync(tenantId, query, cancellationToken);
}
