using System.Buffers;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Connectivity;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Carmen.Silo.Mqtt;

/// <summary>
/// Every PUBLISH from a device: routed by topic to the device's grain, never through the broker to other clients.
/// The PUBACK (QoS 1) goes out when the grain has taken the message; anything refused is counted against the device
/// and, for MQTT 5, answered with a reason code and string.
/// </summary>
internal sealed partial class DevicePublishHandler(
    DeviceSessions sessions,
    IOptions<MqttOptions> options,
    TimeProvider time,
    ILogger<DevicePublishHandler> logger)
{
    public async Task HandleAsync(InterceptingPublishEventArgs publish)
    {
        publish.ProcessPublish = false;
        if (publish.SessionItems[DeviceConnectionGate.SessionItem] is not DeviceSession session)
        {
            publish.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            return;
        }

        string topic = publish.ApplicationMessage.Topic;
        ReadOnlySequence<byte> payload = publish.ApplicationMessage.Payload;
        if (payload.Length > options.Value.MaxPayloadBytes)
        {
            await RejectAsync(publish, session, RejectionReason.PayloadTooLarge, MqttPubAckReasonCode.PayloadFormatInvalid,
                $"The payload of {payload.Length} bytes exceeds the limit of {options.Value.MaxPayloadBytes} bytes.");
            return;
        }

        try
        {
            string kind = await RouteAsync(session, topic, payload);
            CarmenDiagnostics.MqttMessages.Add(1, new("kind", kind), new("outcome", "accepted"));
        }
        catch (FormatException malformed)
        {
            await RejectAsync(publish, session, RejectionReason.MalformedPayload, MqttPubAckReasonCode.PayloadFormatInvalid, malformed.Message);
        }
        catch (RateLimitExceededException exceeded)
        {
            await RejectAsync(publish, session, RejectionReason.QuotaExceeded, MqttPubAckReasonCode.QuotaExceeded, exceeded.Message);
        }
        catch (UnauthorizedAccessException notAllowed)
        {
            await RejectAsync(publish, session, RejectionReason.TopicNotAllowed, MqttPubAckReasonCode.NotAuthorized, notAllowed.Message);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The grid could not take it (a silo going away): the device gets an error, not a PUBACK it could trust.
            LogFailed(failure, session.Device.TenantId, session.Device.DeviceId, topic);
            publish.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            CarmenDiagnostics.MqttMessages.Add(1, new("kind", "any"), new("outcome", "failed"));
        }
    }

    /// <summary>Hands the message to the grain; returns the kind of message for the metrics.</summary>
    private async Task<string> RouteAsync(DeviceSession session, string topic, ReadOnlySequence<byte> payload)
    {
        switch (topic)
        {
            case DeviceTopics.Telemetry:
                TelemetryPoint[] points = ThingsBoardPayloads.ParseTelemetry(payload, time.GetUtcNow().ToUnixTimeMilliseconds());
                RequireWithinRate(session, points.Length);
                await session.Grain.PublishTelemetryAsync(session.ConnectionId, points);
                CarmenDiagnostics.TelemetryPoints.Add(points.Length);
                return "telemetry";
            case DeviceTopics.Attributes:
                RequireWithinRate(session, 0);
                await session.Grain.PublishClientAttributesAsync(session.ConnectionId, ThingsBoardPayloads.ParseAttributes(payload));
                return "attributes";
            case not null when RequestId(topic, DeviceTopics.AttributeRequestPrefix) is string requestId:
                (IReadOnlyList<string>? clientKeys, IReadOnlyList<string>? sharedKeys) = ThingsBoardPayloads.ParseAttributeRequest(payload);
                AttributeSnapshot attributes = await session.Grain.GetAttributesAsync(clientKeys, sharedKeys);
                await sessions.DeliverAsync(session, new DeviceMessage(DeviceTopics.AttributeResponsePrefix + requestId, ThingsBoardPayloads.AttributeResponse(attributes)));
                return "attribute_request";
            case not null when RequestId(topic, DeviceTopics.RpcResponsePrefix) is string rpcId:
                await session.Grain.CompleteRpcAsync(ThingsBoardPayloads.ParseRpcId(rpcId), ThingsBoardPayloads.ParseRpcResponse(payload));
                return "rpc_response";
            case not null when RequestId(topic, DeviceTopics.RpcRequestPrefix) is string callId:
                byte[] answer = ClientSideRpc.Answer(ThingsBoardPayloads.ParseClientRpc(payload), time);
                await sessions.DeliverAsync(session, new DeviceMessage(DeviceTopics.RpcResponsePrefix + callId, answer));
                return "rpc_request";
            default:
                throw new UnauthorizedAccessException($"Topic '{topic}' is not part of the device API; devices publish to v1/devices/me/... only.");
        }
    }

    private static void RequireWithinRate(DeviceSession session, int points)
    {
        if (session.Rates.Exceeded(points) is string limit)
        {
            throw new RateLimitExceededException(limit);
        }
    }

    private async Task RejectAsync(InterceptingPublishEventArgs publish, DeviceSession session, RejectionReason reason, MqttPubAckReasonCode code, string detail)
    {
        publish.Response.ReasonCode = code;
        publish.Response.ReasonString = detail;
        CarmenDiagnostics.MqttMessages.Add(1, new("kind", "any"), new("outcome", reason.ToString()));
        await session.Grain.RecordRejectionAsync(new RejectedMessage(publish.ApplicationMessage.Topic, reason, detail, time.GetUtcNow()));
    }

    /// <summary>The request id at the end of a per-request topic: one non-empty segment without wildcards.</summary>
    private static string? RequestId(string topic, string prefix) =>
        topic.Length > prefix.Length && topic.StartsWith(prefix, StringComparison.Ordinal) && topic.AsSpan(prefix.Length).IndexOfAny("/+#") < 0
            ? topic[prefix.Length..]
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message of {TenantId}/{DeviceId} on {Topic} could not be handed to the grid")]
    private partial void LogFailed(Exception exception, string tenantId, string deviceId, string topic);
}
