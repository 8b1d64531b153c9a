using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>Counts a refused message against its device: in the metrics and in the device's own diagnostics.</summary>
internal sealed class MessageRejections(TimeProvider time)
{
    public async Task<RouteFailure> RecordAsync(IConnectedDeviceGrain grain, string topic, RejectionReason reason, string detail)
    {
        CarmenDiagnostics.MqttMessages.Add(1, new("kind", "any"), new("outcome", reason.ToString()));
        await grain.RecordRejectionAsync(new RejectedMessage(topic, reason, detail, time.GetUtcNow()));
        return new RouteFailure(reason, detail);
    }
}
