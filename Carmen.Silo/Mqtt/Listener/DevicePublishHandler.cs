using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Silo.Mqtt.DeviceApi;
using Carmen.Silo.Mqtt.Protocol;
using MQTTnet.Protocol;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// Every PUBLISH to the embedded listener: routed by topic to the device's grain, never to other clients. The PUBACK
/// (QoS 1) goes out when the grain has taken the message (and, acknowledging "stored", history has its telemetry);
/// anything refused is answered, for MQTT 5, with a reason code and string; telemetry past the tenant's licensed month
/// is not acknowledged to an MQTT 3.1.1 client at all (it is disconnected and keeps the message).
/// </summary>
internal sealed class DevicePublishHandler(DeviceApiRouter router, DeviceProvisioning provisioning)
{
    public async ValueTask<MqttReason> HandleAsync(MqttConnection connection, MqttPublish publish)
    {
        if (connection.Session is ProvisioningSession provisioningSession)
        {
            return await provisioning.HandleAsync(provisioningSession, publish.Topic, publish.Payload);
        }

        if (connection.Session is not DeviceSession session)
        {
            return new MqttReason((byte)MqttPubAckReasonCode.NotAuthorized);
        }

        if (await router.RouteAsync(session, publish.Topic, publish.Payload, publish.Qos > 0) is not RouteFailure failure)
        {
            return MqttReason.Success;
        }

        MqttPubAckReasonCode code = failure.Reason switch
        {
            RejectionReason.MalformedPayload or RejectionReason.PayloadTooLarge => MqttPubAckReasonCode.PayloadFormatInvalid,
            RejectionReason.QuotaExceeded or RejectionReason.MeterExhausted => MqttPubAckReasonCode.QuotaExceeded,
            RejectionReason.TopicNotAllowed or RejectionReason.NotAuthorized => MqttPubAckReasonCode.NotAuthorized,
            RejectionReason.Refused => MqttPubAckReasonCode.ImplementationSpecificError,
            _ => MqttPubAckReasonCode.UnspecifiedError,
        };
        // A used-up month is not a moment's excess: a client that cannot be told must not believe its telemetry was taken.
        return new MqttReason((byte)code, failure.Detail, Withheld: failure.Reason == RejectionReason.MeterExhausted);
    }
}
