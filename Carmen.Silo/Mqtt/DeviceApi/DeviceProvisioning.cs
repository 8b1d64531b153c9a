using Carmen.Api.Auth;
using Carmen.Api.Security;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Provisioning;
using Carmen.Silo.Mqtt.Listener;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// ThingsBoard's device provisioning over MQTT: a "provision" connection's request goes to the profile its key names,
/// and the answer comes back on /provision/response. A wrong key or secret counts against the address like a failed
/// CONNECT, so guessing gets the address banned.
/// </summary>
internal sealed partial class DeviceProvisioning(
    IGrainFactory grains,
    DeviceSessions sessions,
    [FromKeyedServices(MqttOptions.SectionName)] FailureThrottle throttle,
    SecurityEventSink events,
    ILogger<DeviceProvisioning> logger)
{
    public async Task HandleAsync(ProvisioningSession session, InterceptingPublishEventArgs publish)
    {
        publish.ProcessPublish = false;
        if (publish.ApplicationMessage.Topic != ProvisioningSession.RequestTopic)
        {
            publish.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            publish.Response.ReasonString = $"A provisioning connection publishes to {ProvisioningSession.RequestTopic} only.";
            CarmenDiagnostics.MqttMessages.Add(1, new("kind", "provision"), new("outcome", nameof(RejectionReason.TopicNotAllowed)));
            return;
        }

        ProvisionResult result;
        try
        {
            (string key, ProvisionRequest request) = ProvisioningPayloads.ParseRequest(publish.ApplicationMessage.Payload);
            result = throttle.IsBlocked(session.Address)
                ? ProvisionResult.Failed("Too many failed requests from this address; try again later.")
                : await grains.GetGrain<IProvisioningProfileGrain>(key).ProvisionAsync(request);
        }
        catch (FormatException malformed)
        {
            publish.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
            publish.Response.ReasonString = malformed.Message;
            CarmenDiagnostics.MqttMessages.Add(1, new("kind", "provision"), new("outcome", nameof(RejectionReason.MalformedPayload)));
            result = ProvisionResult.Failed(malformed.Message);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The grid could not take it (a silo going away): the device is told to try again, the connection stays.
            LogFailed(failure);
            publish.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            result = ProvisionResult.Failed("The device could not be provisioned now; try again.");
        }

        if (result.WrongSecret)
        {
            throttle.RecordFailure(session.Address);
            LogRefused(session.Address);
            events.Record(null, SecurityEventTypes.ProvisioningRefused, new AuditActor(AuditActorKinds.Device, session.ClientId), session.Address,
                targetType: "provisioning", targetId: session.ClientId, details: ("reason", "wrongProvisionKeyOrSecret"));
        }

        if (session.ResponseQos is MqttQualityOfServiceLevel qos)
        {
            await sessions.SendToClientAsync(session.ClientId, ProvisioningPayloads.Response(result), qos);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A provisioning request could not be handed to the grid")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioning request from {Address} refused: unknown key or wrong secret")]
    private partial void LogRefused(System.Net.IPAddress? address);
}
