using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Testing;

namespace Carmen.Node.Tests.Gateways;

/// <summary>A tenant with a gateway device "gw" (marked a gateway) and the gateway's MQTT connection, for the gateway API tests.</summary>
public static class GatewayHost
{
    public static async Task<(CarmenClient Admin, string Tenant, string Token)> TenantWithGatewayAsync(CarmenApiFactory factory, string gatewayId = "gw")
    {
        (CarmenClient admin, string tenant, string token) = await CarmenClient.TenantWithDeviceAsync(factory, gatewayId);
        JsonObject marked = await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/devices/{gatewayId}", new { gateway = true });
        marked["gateway"]!.GetValue<bool>().Should().BeTrue();
        return (admin, tenant, token);
    }

    /// <summary>The device id of the child named <paramref name="name"/>, as the gateway API finds it.</summary>
    public static string ChildId(string name) => DeviceNames.IdOf(name);

    /// <summary>The next message the gateway receives on <paramref name="topic"/>, as JSON.</summary>
    public static async Task<JsonObject> NextAsync(this DeviceMqttClient gateway, string topic)
    {
        (string Topic, string Payload)? received = await gateway.ReceiveAsync(TimeSpan.FromSeconds(15));
        received.Should().NotBeNull($"a message on {topic} was expected");
        received!.Value.Topic.Should().Be(topic);
        return JsonNode.Parse(received.Value.Payload)!.AsObject();
    }
}
