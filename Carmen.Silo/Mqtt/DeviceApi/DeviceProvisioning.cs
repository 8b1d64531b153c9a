using System.Buffers;
using Carmen.Api.Auth;
using Carmen.Api.Security;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Provisioning;
using Carmen.Silo.Mqtt.Listener;
using Carmen.Silo.Mqtt.Protocol;
using MQTTnet.Protocol;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// ThingsBoard's device provisioning over MQTT: a "provision" connection's request goes to the profile its key names,
/// and the answer comes back on /provision/response. A wrong key or secret counts against the address like a failed
/// CONNECT, so guessing gets the address banned.
/// </summary>
internal sealed partial class DeviceProvisioning(
    IGrainFactory grains,
    [FromKeyedServices(MqttOptions.SectionName)] FailureThrottle throttle,
    SecurityEventSink events,
    ILogger<DeviceProvisioning> logger)
{
    /// <summary>A provisioning connection's PUBLISH: answered on /provision/response; the reason goes in its PUBACK.</summary>
    public async Task<MqttReason> HandleAsync(ProvisioningSession session, string topic, ReadOnlySequence<byte> payload)
    {
        if (topic != ProvisioningSession.RequestTopic)
        {
            CarmenDiagnostics.MqttMessages.Add(1, new("kind", "provision"), new("outcome", nameof(RejectionReason.TopicNotAllowed)));
            return new MqttReason((byte)MqttPubAckReasonCode.NotAuthorized, $"A provisioning connection publishes to {ProvisioningSession.RequestTopic} only.");
        }

        var reason = MqttReason.Success;
        ProvisionResult result;
        try
        {
            (string key, ProvisionRequest request) = ProvisioningPayloads.ParseRequest(payload);
            result = throttle.IsBlocked(session.Address)
                ? ProvisionResult.Failed("Too many failed requests from this address; try again later.")
                : await grains.GetGrain<IProvisioningProfileGrain>(key).ProvisionAsync(request);
        }
        catch (FormatException malformed)
        {
            reason = new MqttReason((byte)MqttPubAckReasonCode.PayloadFormatInvalid, malformed.Message);
            CarmenDiagnostics.MqttMessages.Add(1, new("kind", "provision"), new("outcome", nameof(RejectionReason.MalformedPayload)));
            result = ProvisionResult.Failed(malformed.Message);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The grid could not take it (a silo going away): the device is told to try again, the connection stays.
            LogFailed(failure);
            reason = new MqttReason((byte)MqttPubAckReasonCode.UnspecifiedError);
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
            DeviceMessage response = ProvisioningPayloads.Response(result);
            await session.Transport.SendAsync(response.Topic, response.Payload, (byte)Math.Min((int)qos, 1));
        }

        return reason;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A provisioning request could not be handed to the grid")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioning request from {Address} refused: unknown key or wrong secret")]
    private partial void LogRefused(System.Net.IPAddress? address);
}
