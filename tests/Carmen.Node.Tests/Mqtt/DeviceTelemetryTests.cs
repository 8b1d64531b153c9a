using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>ThingsBoard's device API over the real MQTT listener, with MQTTnet as the device.</summary>
public sealed class DeviceTelemetryTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task TelemetryInEveryShapeBecomesTheLatestValues()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("meter");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        (await device.PublishAsync("v1/devices/me/telemetry", """{"temperature":21.5,"running":true,"mode":"eco","config":{"a":[1,2]}}""")).ReasonCode
            .Should().Be(MqttClientPublishReasonCode.Success);
        (await device.PublishAsync("v1/devices/me/telemetry", """{"ts":1700000000000,"values":{"pressure":1.25}}""")).IsSuccess.Should().BeTrue();
        (await device.PublishAsync("v1/devices/me/telemetry",
            """[{"ts":1700000001000,"values":{"pressure":1.5}},{"ts":1699999999000,"values":{"pressure":0.5}},{"humidity":40}]""")).IsSuccess.Should().BeTrue();

        JsonObject latest = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/meter/telemetry/latest");
        latest["temperature"]!["value"]!.GetValue<double>().Should().Be(21.5);
        latest["running"]!["value"]!.GetValue<bool>().Should().BeTrue();
        latest["mode"]!["value"]!.GetValue<string>().Should().Be("eco");
        latest["config"]!["value"]!["a"]![1]!.GetValue<int>().Should().Be(2);
        latest["pressure"]!["value"]!.GetValue<double>().Should().Be(1.5, "the newest measurement wins, not the last message");
        latest["pressure"]!["ts"]!.GetValue<long>().Should().Be(1700000001000);
        latest["humidity"]!["ts"]!.GetValue<long>().Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 60_000);

        JsonObject chosen = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/meter/telemetry/latest?keys=mode,missing");
        chosen.Select(pair => pair.Key).Should().Equal("mode");
        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/meter/diagnostics");
        diagnostics["connected"]!.GetValue<bool>().Should().BeTrue();
        diagnostics["messagesReceived"]!.GetValue<long>().Should().Be(3);
        diagnostics["pointsReceived"]!.GetValue<long>().Should().Be(8);
    }

    [Fact]
    public async Task PresenceFollowsTheConnection()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("gateway");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/gateway"))["status"]!.GetValue<string>().Should().Be("registered");

        DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token, protocol: MQTTnet.Formatter.MqttProtocolVersion.V311);
        // The grain hears of the connection right after the CONNACK, so the client may be a moment ahead of it.
        await EventuallyAsync(async () => (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/gateway"))["status"]!.GetValue<string>() == "online");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?status=online"))["total"]!.GetValue<long>().Should().Be(1);

        await device.DisposeAsync();
        await EventuallyAsync(async () => (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/gateway"))["status"]!.GetValue<string>() == "offline");
        JsonObject offline = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/gateway");
        offline["lastSeenAt"].Should().NotBeNull();
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?status=offline"))["total"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task ClientAttributesRequestsAndSharedAttributeUpdates()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("valve");
        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/valve/attributes/shared", new { interval = 15, target = "open" });
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        (await device.SubscribeAsync("v1/devices/me/attributes")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        (await device.SubscribeAsync("v1/devices/me/attributes/response/+")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);

        (await device.PublishAsync("v1/devices/me/attributes", """{"firmware":"2.1.0","slots":[1,2]}""")).IsSuccess.Should().BeTrue();
        (await device.PublishAsync("v1/devices/me/attributes/request/7", """{"clientKeys":"firmware","sharedKeys":"interval,unknown"}""")).IsSuccess.Should().BeTrue();
        (string topic, string payload) = (await device.ReceiveAsync())!.Value;
        topic.Should().Be("v1/devices/me/attributes/response/7");
        JsonNode.Parse(payload)!.ToJsonString().Should().Be("""{"client":{"firmware":"2.1.0"},"shared":{"interval":15}}""");

        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/valve/attributes/shared", new { interval = 30, target = "open" });
        (string pushedTopic, string pushed) = (await device.ReceiveAsync())!.Value;
        pushedTopic.Should().Be("v1/devices/me/attributes");
        JsonNode.Parse(pushed)!.ToJsonString().Should().Be("""{"interval":30}""", "only what changed is pushed");

        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/valve/attributes/shared", new { interval = 30 });
        JsonNode.Parse((await device.ReceiveAsync())!.Value.Payload)!.ToJsonString().Should().Be("""{"deleted":["target"]}""");

        JsonObject attributes = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/valve/attributes");
        attributes["client"]!["slots"]![1]!.GetValue<int>().Should().Be(2);
        attributes["shared"]!["interval"]!.GetValue<int>().Should().Be(30);
    }

    [Fact]
    public async Task MalformedAndOversizedPayloadsAreRefusedCountedAndHarmless()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("noisy");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        MqttClientPublishResult notJson = await device.PublishAsync("v1/devices/me/telemetry", "{\"temperature\":");
        notJson.ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        notJson.ReasonString.Should().Contain("not valid JSON");
        (await device.PublishAsync("v1/devices/me/telemetry", """{"ts":"yesterday","values":{"a":1}}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        (await device.PublishAsync("v1/devices/me/telemetry", """{"a":null}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        (await device.PublishAsync("v1/devices/me/attributes", "[1,2]")).ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        (await device.PublishAsync("v1/devices/me/telemetry", $$"""{"blob":"{{new string('x', 70_000)}}"}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        (await device.PublishAsync("v1/devices/me/telemetry", """{"fine":1}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.Success, "the connection survives bad input");

        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/noisy/diagnostics");
        diagnostics["rejected"]!["malformedPayload"]!.GetValue<long>().Should().Be(4);
        diagnostics["rejected"]!["payloadTooLarge"]!.GetValue<long>().Should().Be(1);
        diagnostics["recentRejections"]!.AsArray().Should().HaveCount(5);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/noisy/telemetry/latest")).Select(pair => pair.Key).Should().Equal("fine");
    }

    private Task<(CarmenClient Admin, string Tenant, string Token)> DeviceAsync(string deviceId) => CarmenClient.TenantWithDeviceAsync(factory, deviceId);

    private static async Task EventuallyAsync(Func<Task<bool>> condition) => (await Eventually.HoldsAsync(condition)).Should().BeTrue();
}
