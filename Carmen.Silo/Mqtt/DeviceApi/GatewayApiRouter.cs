using System.Buffers;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Mqtt.Listener;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// ThingsBoard's gateway API on Carmen's own listener: a gateway's message is taken apart per child and each part
/// handed to that child's grain, in parallel. A malformed payload is refused whole; a child the gateway may not reach,
/// or one over its rate, is counted (against the gateway, or the child) while the other children's parts are taken.
/// </summary>
internal sealed class GatewayApiRouter(IGrainFactory grains, DeviceSessions sessions, TenantRateLimits rateLimits, MessageRejections rejections, TelemetryIntake intake, TimeProvider time)
{
    /// <summary>Hands a gateway's message to its children (telemetry taken once in history when <paramref name="stored"/>); returns the kind of message for the metrics.</summary>
    public async Task<string> DispatchAsync(DeviceSession session, string topic, ReadOnlySequence<byte> payload, bool stored)
    {
        GatewayConnection gateway = await RequireGatewayAsync(session);
        switch (topic)
        {
            case GatewayTopics.Connect:
                (string name, string? type) = GatewayPayloads.ParseConnect(payload);
                await gateway.ChildAsync(name, type);
                return "gateway_connect";
            case GatewayTopics.Disconnect:
                await gateway.DisconnectAsync(GatewayPayloads.ParseConnect(payload).Name);
                return "gateway_disconnect";
            case GatewayTopics.Telemetry:
                List<(string Name, TelemetryPoint[] Points)> telemetry = GatewayPayloads.ParseTelemetry(payload, time.GetUtcNow().ToUnixTimeMilliseconds());
                // The children share the gateway's tenant and so its meter: a used-up month refuses the whole message, which the gateway is told.
                DeviceApiRouter.RequireMetered(gateway.Session, telemetry.Sum(part => part.Points.Length));
                await Task.WhenAll(telemetry.Select(part => ForChildAsync(gateway, topic, part.Name, async child =>
                {
                    DeviceApiRouter.RequireWithinRate(child, part.Points.Length);
                    await intake.PublishAsync(child, part.Points, stored);
                    CarmenDiagnostics.TelemetryPoints.Add(part.Points.Length);
                })));
                return "gateway_telemetry";
            case GatewayTopics.Attributes:
                List<(string Name, Dictionary<string, string> Attributes)> attributes = GatewayPayloads.ParseAttributes(payload);
                await Task.WhenAll(attributes.Select(part => ForChildAsync(gateway, topic, part.Name, async child =>
                {
                    DeviceApiRouter.RequireWithinRate(child, 0);
                    await child.Grain.PublishClientAttributesAsync(child.ConnectionId, part.Attributes);
                })));
                return "gateway_attributes";
            case GatewayTopics.AttributeRequest:
                GatewayAttributeRequest request = GatewayPayloads.ParseAttributeRequest(payload);
                GatewayChild asked = await gateway.ChildAsync(request.Name);
                AttributeSnapshot snapshot = await asked.Grain.GetAttributesAsync(request.ClientKeys, request.SharedKeys);
                await sessions.DeliverAsync(session, GatewayPayloads.AttributeResponse(request, snapshot));
                return "gateway_attribute_request";
            case GatewayTopics.Claim:
                List<(string Name, string SecretKey, TimeSpan? Duration)> claims = GatewayPayloads.ParseClaims(payload);
                await Task.WhenAll(claims.Select(part => ForChildAsync(gateway, topic, part.Name, child =>
                    child.Grain.AsReference<IClaimableDeviceGrain>().MakeClaimableAsync(part.SecretKey, part.Duration))));
                return "gateway_claim";
            case GatewayTopics.Rpc:
                (string answering, int id, string data) = GatewayPayloads.ParseRpcResponse(payload);
                await (await gateway.ChildAsync(answering)).Grain.CompleteRpcAsync(id, data);
                return "gateway_rpc_response";
            default:
                throw new TopicNotAllowedException(
                    $"Topic '{topic}' is not part of the gateway API Carmen serves (connect, disconnect, telemetry, attributes, attributes/request, rpc, claim).");
        }
    }

    /// <summary>The gateway side of a connection, made at its first gateway message; only a device marked a gateway has one.</summary>
    public async Task<GatewayConnection> RequireGatewayAsync(DeviceSession session)
    {
        if (session.Gateway is GatewayConnection known)
        {
            return known;
        }

        // Asked once per connection: changing whether a device is a gateway closes its connection.
        session.IsGateway ??= await grains.GetGrain<IGatewayDeviceGrain>(session.Device.ToString()).IsGatewayAsync();
        if (session.IsGateway != true)
        {
            throw new UnauthorizedAccessException($"Device '{session.Device.DeviceId}' is not a gateway; an operator makes it one (PATCH the device with {{\"gateway\":true}}).");
        }

        return session.BecomeGateway(gateway => new GatewayConnection(gateway, grains, sessions, rateLimits, time));
    }

    /// <summary>Runs one child's part of a message; a refusal is counted and does not keep the other children's parts out.</summary>
    private async Task ForChildAsync(GatewayConnection gateway, string topic, string name, Func<GatewayChild, Task> take)
    {
        GatewayChild? child = null;
        try
        {
            child = await gateway.ChildAsync(name);
            await take(child);
        }
        catch (UnauthorizedAccessException refused)
        {
            await rejections.RecordAsync(child?.Grain ?? gateway.Session.Grain, topic, RejectionReason.NotAuthorized, refused.Message);
        }
        catch (RateLimitExceededException exceeded)
        {
            await rejections.RecordAsync(child!.Grain, topic, RejectionReason.QuotaExceeded, exceeded.Message);
        }

        catch (CarmenException refused)
        {
            await rejections.RecordAsync(child?.Grain ?? gateway.Session.Grain, topic, RejectionReason.Refused, refused.Message);
        }
    }
}
