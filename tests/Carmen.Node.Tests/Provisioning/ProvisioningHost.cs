using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Provisioning;

/// <summary>Provisioning profiles and the "provision" connection a device makes to use one.</summary>
public static class ProvisioningHost
{
    /// <summary>A profile of <paramref name="tenant"/> putting devices into cluster c1; its key and (shown-once) secret.</summary>
    public static async Task<(string Key, string Secret)> ProfileAsync(this CarmenClient admin, string tenant, string strategy = "allowCreateNewDevices")
    {
        JsonObject profile = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/provisioning-profiles",
            new { name = "Field sensors", strategy, clusterId = "c1", type = "sensor" });
        return (profile["provisionDeviceKey"]!.GetValue<string>(), profile["provisionDeviceSecret"]!.GetValue<string>());
    }

    /// <summary>Connects as ThingsBoard's provisioning client does (username "provision", no password), subscribed to the answer.</summary>
    public static async Task<DeviceMqttClient> ConnectAsync(int port)
    {
        DeviceMqttClient client = await DeviceMqttClient.ConnectAsync(port, "provision");
        await client.SubscribeAsync("/provision/response");
        return client;
    }

    /// <summary>Sends a request and returns the answer.</summary>
    public static async Task<JsonObject> RequestAsync(this DeviceMqttClient client, object request)
    {
        MqttClientPublishResult sent = await client.PublishAsync("/provision/request", System.Text.Json.JsonSerializer.Serialize(request));
        sent.IsSuccess.Should().BeTrue(sent.ReasonString);
        (string Topic, string Payload)? answer = await client.ReceiveAsync(TimeSpan.FromSeconds(15));
        answer.Should().NotBeNull("the answer comes on /provision/response");
        answer!.Value.Topic.Should().Be("/provision/response");
        return JsonNode.Parse(answer.Value.Payload)!.AsObject();
    }
}
