using System.Buffers;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Silo.Mqtt.Listener;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// The ThingsBoard device API behind both MQTT front ends, the embedded listener and the external broker bridge: one
/// message of one device, routed by its topic (in the device's own terms, v1/devices/me/...) to the device's grain.
/// Anything refused is counted against the device, visible in its diagnostics, and answered with why.
/// </summary>
internal sealed partial class DeviceApiRouter(
    IOptions<MqttOptions> options,
    GatewayApiRouter gateways,
    FirmwareChunks firmware,
    CertificateRenewal certificates,
    MessageRejections rejections,
    TelemetryIntake intake,
    TimeProvider time,
    ILogger<DeviceApiRouter> logger)
{
    /// <summary>
    /// Null when the message was taken; otherwise why not. <see cref="RouteFailure.Failed"/> means the grid could not
    /// take it. <paramref name="acknowledged"/>: the device waits for an acknowledgement (QoS 1), which in the mode
    /// <see cref="MqttAcknowledgement.Stored"/> means telemetry is taken once it is in history.
    /// </summary>
    public async Task<RouteFailure?> RouteAsync(IDeviceEndpoint device, string topic, ReadOnlySequence<byte> payload, bool acknowledged)
    {
        if (payload.Length > options.Value.MaxPayloadBytes)
        {
            return await RejectAsync(device.Grain, topic, RejectionReason.PayloadTooLarge,
                $"The payload of {payload.Length} bytes exceeds the limit of {options.Value.MaxPayloadBytes} bytes.");
        }

        if (!Utf8Payloads.IsValid(payload))
        {
            return await RejectAsync(device.Grain, topic, RejectionReason.MalformedPayload, "The payload is not valid UTF-8; the device API takes JSON, which is UTF-8 (RFC 8259).");
        }

        try
        {
            bool stored = acknowledged && options.Value.Acknowledge == MqttAcknowledgement.Stored;
            string kind = await DispatchAsync(device, topic, payload, stored);
            CarmenDiagnostics.MqttMessages.Add(1, new("kind", kind), new("outcome", "accepted"));
            return null;
        }
        catch (FormatException malformed)
        {
            return await RejectAsync(device.Grain, topic, RejectionReason.MalformedPayload, malformed.Message);
        }
        catch (RateLimitExceededException exceeded)
        {
            return await RejectAsync(device.Grain, topic, RejectionReason.QuotaExceeded, exceeded.Message);
        }
        catch (MeterExhaustedException exhausted)
        {
            return await RejectAsync(device.Grain, topic, RejectionReason.MeterExhausted, exhausted.Message);
        }
        catch (TopicNotAllowedException notAllowed)
        {
            return await RejectAsync(device.Grain, topic, RejectionReason.TopicNotAllowed, notAllowed.Message);
        }
        catch (UnauthorizedAccessException notAuthorized)
        {
            return await RejectAsync(device.Grain, topic, RejectionReason.NotAuthorized, notAuthorized.Message);
        }
        catch (CarmenException refused)
        {
            // The grain's own verdict on the message (an unknown action, a state it cannot take): final, not transient.
            return await RejectAsync(device.Grain, topic, RejectionReason.Refused, refused.Message);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The grid could not take it (a silo going away): the device gets an error, not an acknowledgement it could trust.
            LogFailed(failure, device.Device.TenantId, device.Device.DeviceId, topic);
            CarmenDiagnostics.MqttMessages.Add(1, new("kind", "any"), new("outcome", "failed"));
            return RouteFailure.Failed;
        }
    }

    /// <summary>Hands the message to the grain; returns the kind of message for the metrics.</summary>
    private async ValueTask<string> DispatchAsync(IDeviceEndpoint device, string topic, ReadOnlySequence<byte> payload, bool stored)
    {
        switch (topic)
        {
            case DeviceTopics.Telemetry:
                TelemetryPoint[] points = ThingsBoardPayloads.ParseTelemetry(payload, time.GetUtcNow().ToUnixTimeMilliseconds());
                RequireWithinRate(device, points.Length);
                RequireMetered(device, points.Length);
                await intake.PublishAsync(device, points, stored);
                CarmenDiagnostics.TelemetryPoints.Add(points.Length);
                return "telemetry";
            case DeviceTopics.Attributes:
                RequireWithinRate(device, 0);
                await device.Grain.PublishClientAttributesAsync(device.ConnectionId, ThingsBoardPayloads.ParseAttributes(payload));
                return "attributes";
            case DeviceTopics.UpdateFeedback:
                RequireWithinRate(device, 0);
                (long actionId, ActionFeedback feedback) = UpdateFeedbackPayload.Parse(payload, time.GetUtcNow());
                FeedbackOutcome outcome = await device.Grain.AsReference<IUpdatableDeviceGrain>().ReportFeedbackAsync(actionId, feedback);
                if (outcome != FeedbackOutcome.Accepted)
                {
                    throw CarmenException.Conflict(FeedbackNames.Refusal(outcome, actionId));
                }

                return "update_feedback";
            case DeviceTopics.Claim:
                RequireWithinRate(device, 0);
                (string secretKey, TimeSpan? duration) = ThingsBoardPayloads.ParseClaim(payload);
                await device.Grain.AsReference<IClaimableDeviceGrain>().MakeClaimableAsync(secretKey, duration);
                return "claim";
            case not null when RequestId(topic, DeviceTopics.AttributeRequestPrefix) is string requestId:
                (IReadOnlyList<string>? clientKeys, IReadOnlyList<string>? sharedKeys) = ThingsBoardPayloads.ParseAttributeRequest(payload);
                AttributeSnapshot attributes = await device.Grain.GetAttributesAsync(clientKeys, sharedKeys);
                await device.ReplyAsync(new DeviceMessage(DeviceTopics.AttributeResponsePrefix + requestId, ThingsBoardPayloads.AttributeResponse(attributes)));
                return "attribute_request";
            case not null when RequestId(topic, DeviceTopics.RpcResponsePrefix) is string rpcId:
                await device.Grain.CompleteRpcAsync(ThingsBoardPayloads.ParseRpcId(rpcId), ThingsBoardPayloads.ParseRpcResponse(payload));
                return "rpc_response";
            case not null when RequestId(topic, DeviceTopics.RpcRequestPrefix) is string callId:
                byte[] answer = ClientSideRpc.Answer(ThingsBoardPayloads.ParseClientRpc(payload), time);
                await device.ReplyAsync(new DeviceMessage(DeviceTopics.RpcResponsePrefix + callId, answer));
                return "rpc_request";
            case not null when RequestId(topic, DeviceTopics.CertificateRequestPrefix) is string renewalId:
                RequireWithinRate(device, 0);
                byte[] renewed;
                try
                {
                    renewed = await certificates.RenewAsync(device, payload);
                }
                catch (Exception refused) when (refused is CarmenException or UnauthorizedAccessException)
                {
                    await device.ReplyAsync(new DeviceMessage(DeviceTopics.CertificateResponsePrefix + renewalId, CertificateRenewal.Refusal(refused.Message)));
                    throw;
                }

                await device.ReplyAsync(new DeviceMessage(DeviceTopics.CertificateResponsePrefix + renewalId, renewed));
                return "certificate_renewal";
            case not null when FirmwareTopics.ParseRequest(topic) is (string firmwareRequest, int chunk):
                RequireWithinRate(device, 0);
                byte[] bytes = await firmware.ReadAsync(device, chunk, payload);
                await device.ReplyAsync(new DeviceMessage(FirmwareTopics.Response(firmwareRequest, chunk), bytes));
                return "firmware_chunk";
            case not null when topic.StartsWith(GatewayTopics.Prefix, StringComparison.Ordinal):
                return device is DeviceSession session
                    ? await gateways.DispatchAsync(session, topic, payload, stored)
                    : throw new TopicNotAllowedException("The gateway API is served by Carmen's own MQTT listener, not through an external broker.");
            default:
                throw new TopicNotAllowedException($"Topic '{topic}' is not part of the device API; devices publish to v1/devices/me/... only.");
        }
    }

    /// <summary>Counts a message (and its points) against the device's rates; <see cref="RateLimitExceededException"/> past them.</summary>
    internal static void RequireWithinRate(IDeviceEndpoint device, int points)
    {
        if (device.Rates.Exceeded(points) is string limit)
        {
            throw new RateLimitExceededException(limit);
        }
    }

    /// <summary>Counts telemetry points against the tenant's month; <see cref="MeterExhaustedException"/> once its licensed points are used up.</summary>
    internal static void RequireMetered(IDeviceEndpoint device, int points)
    {
        if (device.Rates.Metered(points) is string refusal)
        {
            throw new MeterExhaustedException(refusal);
        }
    }

    /// <summary>Counts a refused message against its device (metrics and the device's diagnostics) and says why.</summary>
    public Task<RouteFailure> RejectAsync(IConnectedDeviceGrain grain, string topic, RejectionReason reason, string detail) =>
        rejections.RecordAsync(grain, topic, reason, detail);

    /// <summary>The request id at the end of a per-request topic: one non-empty segment without wildcards.</summary>
    private static string? RequestId(string topic, string prefix) =>
        topic.Length > prefix.Length && topic.StartsWith(prefix, StringComparison.Ordinal) && topic.AsSpan(prefix.Length).IndexOfAny("/+#") < 0
            ? topic[prefix.Length..]
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message of {TenantId}/{DeviceId} on {Topic} could not be handed to the grid")]
    private partial void LogFailed(Exception exception, string tenantId, string deviceId, string topic);
}
