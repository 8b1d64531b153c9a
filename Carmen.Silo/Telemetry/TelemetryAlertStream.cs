using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Orleans.Streams;

namespace Carmen.Silo.Telemetry;

/// <summary>Puts a tenant's share of a flush on its telemetry stream, as one batch item.</summary>
internal sealed class TelemetryAlertStream(IClusterClient client)
{
    public Task PublishAsync(string tenantId, IReadOnlyList<DeviceTelemetry> messages)
    {
        IAsyncStream<TelemetryBatch> stream = client.GetStreamProvider(TelemetryBatch.StreamProvider)
            .GetStream<TelemetryBatch>(StreamId.Create(TelemetryBatch.StreamNamespace, tenantId));
        var batch = new TelemetryBatch(tenantId, [.. messages.Select(message => new DeviceTelemetryItem(message.Device.DeviceId, message.ClusterId, message.Points))]);
        return stream.OnNextAsync(batch);
    }
}
