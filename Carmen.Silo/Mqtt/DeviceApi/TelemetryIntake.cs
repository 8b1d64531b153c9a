using Carmen.Grains.Ingest;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// Where a device's telemetry message goes, for devices and a gateway's children alike: to the silo's ingest shard
/// when it can take it without a grain call (and then to the grain only when the message raised or cleared an alert),
/// otherwise to the device's grain; in the stored acknowledgement mode always to the grain, which answers once
/// history committed the points. Either way, when this completes the points are the device's latest values.
/// </summary>
internal sealed class TelemetryIntake(IngestShard shard)
{
    public async Task PublishAsync(IDeviceEndpoint device, TelemetryPoint[] points, bool stored)
    {
        if (stored)
        {
            await device.Grain.PublishStoredTelemetryAsync(device.ConnectionId, points);
            return;
        }

        switch (await shard.TryAcceptAsync(device.Device, device.ConnectionId, points))
        {
            case IngestOutcome.Refused:
                await device.Grain.PublishTelemetryAsync(device.ConnectionId, points);
                break;
            case IngestOutcome.TakenForTheGrain:
                await device.Grain.SettleIngestedAsync();
                break;
        }
    }
}
