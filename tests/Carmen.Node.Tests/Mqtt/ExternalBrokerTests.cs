using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>
/// Carmen:Mqtt:Mode=External against Debian's mosquitto: devices connect to the broker, Carmen consumes their traffic
/// through a shared subscription and answers through the broker; the broker's ACL (deploy/mosquitto/carmen.acl) keeps
/// each device to its own topics, and Carmen refuses the traffic of devices the platform does not let in.
/// </summary>
public sealed class ExternalBrokerTests(ExternalBrokerFixture broker) : IClassFixture<ExternalBrokerFixture>
{
    [Fact]
    public async Task TelemetryThroughTheBrokerBringsTheDeviceOnlineAndItsWillTakesItOffline()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(broker.Carmen);
        await using DeviceMqttClient device = await ConnectAsync("ext-a", "d1", withWill: true);

        (await device.PublishAsync("carmen/ext-a/d1/up/telemetry", """{"temperature":21.5,"door":"closed"}""")).IsSuccess.Should().BeTrue();
        (int exitCode, string output) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", Port, "-u", "ext-a/d1", "-P", ExternalBrokerFixture.Password, "-q", "1", "-V", "mqttv5",
             "-t", "carmen/ext-a/d1/up/telemetry", "-m", """{"ts":1700000000000,"values":{"humidity":40}}"""], TimeSpan.FromSeconds(20));
        exitCode.Should().Be(0, output);

        JsonObject latest = await admin.GetEventuallyAsync("/api/v1/tenants/ext-a/devices/d1/telemetry/latest", body => body.Count == 3);
        latest["temperature"]!["value"]!.GetValue<double>().Should().Be(21.5);
        latest["humidity"]!["ts"]!.GetValue<long>().Should().Be(1700000000000);
        (await admin.GetAsync("/api/v1/tenants/ext-a/devices/d1"))["status"]!.GetValue<string>().Should().Be("online");
        JsonObject diagnostics = await admin.GetAsync("/api/v1/tenants/ext-a/devices/d1/diagnostics");
        diagnostics["gateway"]!.GetValue<string>().Should().Be("external-broker");

        await device.Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build());
        await admin.GetEventuallyAsync("/api/v1/tenants/ext-a/devices/d1", body => body["status"]!.GetValue<string>() == "offline");
    }

    [Fact]
    public async Task OperatorRpcSharedAttributesAndAttributeRequestsGoThroughTheBroker()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(broker.Carmen);
        await using DeviceMqttClient device = await ConnectAsync("ext-a", "d2");
        (await device.SubscribeAsync("carmen/ext-a/d2/down/#")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        await device.PublishAsync("carmen/ext-a/d2/up/status", "online");
        await admin.GetEventuallyAsync("/api/v1/tenants/ext-a/devices/d2", body => body["status"]!.GetValue<string>() == "online");

        Task<HttpResponseMessage> call = admin.SendAsync(HttpMethod.Post, "/api/v1/tenants/ext-a/devices/d2/rpc", new { method = "setValve", @params = new { open = true } });
        (string topic, string payload) = (await device.ReceiveAsync())!.Value;
        topic.Should().StartWith("carmen/ext-a/d2/down/rpc/request/");
        JsonNode.Parse(payload)!.ToJsonString().Should().Be("""{"method":"setValve","params":{"open":true}}""");
        await device.PublishAsync(topic.Replace("/down/rpc/request/", "/up/rpc/response/", StringComparison.Ordinal), """{"valve":"open"}""");
        HttpResponseMessage answer = await call;
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).Should().Be("""{"valve":"open"}""");

        await admin.SendOkAsync(HttpMethod.Put, "/api/v1/tenants/ext-a/devices/d2/attributes/shared", new { interval = 30 });
        (await device.ReceiveAsync())!.Value.Should().Be(("carmen/ext-a/d2/down/attributes", """{"interval":30}"""));
        await device.PublishAsync("carmen/ext-a/d2/up/attributes/request/5", """{"sharedKeys":"interval"}""");
        (await device.ReceiveAsync())!.Value.Should().Be(("carmen/ext-a/d2/down/attributes/response/5", """{"client":{},"shared":{"interval":30}}"""));
        await device.PublishAsync("carmen/ext-a/d2/up/rpc/request/9", """{"method":"getCurrentTime","params":{}}""");
        (await device.ReceiveAsync())!.Value.Topic.Should().Be("carmen/ext-a/d2/down/rpc/response/9");
    }

    [Fact]
    public async Task TheBrokerAclKeepsEachDeviceToItsOwnTopics()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(broker.Carmen);
        await using DeviceMqttClient intruder = await ConnectAsync("ext-a", "d3");
        await using DeviceMqttClient victim = await ConnectAsync("ext-b", "d3");
        (await victim.SubscribeAsync("carmen/ext-b/d3/down/#")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        await victim.PublishAsync("carmen/ext-b/d3/up/status", "online");
        await admin.GetEventuallyAsync("/api/v1/tenants/ext-b/devices/d3", body => body["status"]!.GetValue<string>() == "online");

        // mosquitto 2.0 grants these subscriptions and applies the read ACL to every message it would deliver.
        foreach (string filter in new[] { "carmen/ext-b/d3/down/#", "carmen/ext-b/+/down/#", "carmen/+/+/down/#", "carmen/+/+/up/#", "#" })
        {
            await intruder.SubscribeAsync(filter);
        }

        foreach (string topic in new[] { "carmen/ext-b/d3/up/telemetry", "carmen/ext-a/d1/up/telemetry", "carmen/ext-b/d3/down/rpc/request/1", "v1/devices/me/telemetry" })
        {
            (await intruder.PublishAsync(topic, """{"spoofed":1}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized, topic);
        }

        (await intruder.PublishAsync("carmen/ext-a/d3/up/telemetry", """{"own":1}""")).IsSuccess.Should().BeTrue();
        await admin.SendOkAsync(HttpMethod.Put, "/api/v1/tenants/ext-b/devices/d3/attributes/shared", new { secret = "b-only" });

        (await victim.ReceiveAsync())!.Value.Payload.Should().Contain("b-only");
        await victim.PublishAsync("carmen/ext-b/d3/up/telemetry", """{"private":1}""");
        (await intruder.ReceiveAsync(TimeSpan.FromSeconds(1))).Should().BeNull("nothing of tenant B, nor any device's upstream, reaches tenant A");
        await admin.GetEventuallyAsync("/api/v1/tenants/ext-a/devices/d3/telemetry/latest", body => body.ContainsKey("own"));
        (await admin.GetEventuallyAsync("/api/v1/tenants/ext-b/devices/d3/telemetry/latest", body => body.ContainsKey("private"))).Should().NotContainKey("spoofed");
        (await admin.GetAsync("/api/v1/tenants/ext-a/devices/d1/telemetry/latest")).Should().NotContainKey("spoofed");
    }

    [Fact]
    public async Task TrafficOfAQuarantinedDeviceIsRefusedAndCounted()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(broker.Carmen);
        await admin.SendOkAsync(HttpMethod.Patch, "/api/v1/tenants/ext-b/devices/q1", new { quarantined = true });
        await using DeviceMqttClient device = await ConnectAsync("ext-b", "q1");

        await device.PublishAsync("carmen/ext-b/q1/up/telemetry", """{"temperature":80}""");
        await device.PublishAsync("carmen/ext-b/q1/up/telemetry", "not json");

        JsonObject diagnostics = await admin.GetEventuallyAsync("/api/v1/tenants/ext-b/devices/q1/diagnostics",
            body => body["rejected"]!.AsObject().Count == 2);
        diagnostics["rejected"]!["notAuthorized"]!.GetValue<long>().Should().Be(1);
        diagnostics["rejected"]!["malformedPayload"]!.GetValue<long>().Should().Be(1);
        (await admin.GetAsync("/api/v1/tenants/ext-b/devices/q1/telemetry/latest")).Should().BeEmpty();
        (await admin.GetAsync("/api/v1/tenants/ext-b/devices/q1"))["status"]!.GetValue<string>().Should().Be("quarantined");
    }

    private string Port => broker.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<DeviceMqttClient> ConnectAsync(string tenant, string device, bool withWill = false) =>
        DeviceMqttClient.ConnectAsync(broker.Broker.Port, $"{tenant}/{device}", password: ExternalBrokerFixture.Password, configure: options =>
        {
            if (withWill)
            {
                options.WithWillTopic($"carmen/{tenant}/{device}/up/status").WithWillPayload("offline").WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
            }
        });
}
