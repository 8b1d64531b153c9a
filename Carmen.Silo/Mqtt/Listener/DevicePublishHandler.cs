using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Silo.Mqtt.DeviceApi;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// Every PUBLISH to the embedded listener: routed by topic to the device's grain, never through the broker to other
/// clients. The PUBACK (QoS 1) goes out when the grain has taken the message (and, acknowledging "stored", history has
/// its telemetry); anything refused is answered, for
/// MQTT 5, with a reason code and string.
/// </summary>
internal sealed class DevicePublishHandler(DeviceApiRouter router, DeviceProvisioning provisioning)
{
    public async Task HandleAsync(InterceptingPublishEventArgs publish)
    {
        publish.ProcessPublish = false;
        if (publish.SessionItems[ProvisioningSession.SessionItem] is ProvisioningSession provisioningSession)
        {
            await provisioning.HandleAsync(provisioningSession, publish);
            return;
        }

        if (publish.SessionItems[DeviceConnectionGate.SessionItem] is not DeviceSession session)
        {
            publish.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            return;
        }

        if (await router.RouteAsync(
            session, publish.ApplicationMessage.Topic, publish.ApplicationMessage.Payload, publish.ApplicationMessage.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce) is RouteFailure failure)
        {
            publish.Response.ReasonCode = failure.Reason switch
            {
                RejectionReason.MalformedPayload or RejectionReason.PayloadTooLarge => MqttPubAckReasonCode.PayloadFormatInvalid,
                RejectionReason.QuotaExceeded => MqttPubAckReasonCode.QuotaExceeded,
                RejectionReason.TopicNotAllowed or RejectionReason.NotAuthorized => MqttPubAckReasonCode.NotAuthorized,
                RejectionReason.Refused => MqttPubAckReasonCode.ImplementationSpecificError,
                _ => MqttPubAckReasonCode.UnspecifiedError,
            };
            publish.Response.ReasonString = failure.Detail;
        }
    }
}
