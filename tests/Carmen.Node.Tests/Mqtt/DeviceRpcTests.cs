using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>RPC both ways over the real listener: operators calling devices, devices calling the platform.</summary>
public sealed class DeviceRpcTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task TwoWayCallReturnsTheDevicesAnswer()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await device.SubscribeAsync("v1/devices/me/rpc/request/+");

        Task<HttpResponseMessage> call = admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/d1/rpc",
            new { method = "setTemperature", @params = new { value = 26 } });
        (string topic, string payload) = (await device.ReceiveAsync())!.Value;
        topic.Should().StartWith("v1/devices/me/rpc/request/");
        JsonNode.Parse(payload)!.ToJsonString().Should().Be("""{"method":"setTemperature","params":{"value":26}}""");
        string id = topic["v1/devices/me/rpc/request/".Length..];
        (await device.PublishAsync($"v1/devices/me/rpc/response/{id}", """{"applied":26}""")).IsSuccess.Should().BeTrue();

        HttpResponseMessage answer = await call;
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).Should().Be("""{"applied":26}""");
    }

    [Fact]
    public async Task CommandsLargerThanTheWriteBufferArriveWholeAndSmallOnesStillFollow()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await device.SubscribeAsync("v1/devices/me/rpc/request/+");
        string script = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"line {i};"));

        foreach (string text in new[] { script, "short", script })
        {
            HttpResponseMessage sent = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/d1/rpc",
                new { method = "run", @params = new { text }, oneway = true });
            sent.StatusCode.Should().Be(HttpStatusCode.OK);
            (string _, string payload) = (await device.ReceiveAsync())!.Value;
            JsonNode.Parse(payload)!["params"]!["text"]!.GetValue<string>().Should().Be(text);
        }
    }

    [Fact]
    public async Task SilenceTimesOutOfflineConflictsAndOneWayReturnsOnceSent()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync();
        string rpc = $"/api/v1/tenants/{tenant}/devices/d1/rpc";
        (await admin.SendAsync(HttpMethod.Post, rpc, new { method = "reboot" })).StatusCode.Should().Be(HttpStatusCode.Conflict, "the device is offline");

        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        (await admin.SendAsync(HttpMethod.Post, rpc, new { method = "reboot" })).StatusCode.Should().Be(HttpStatusCode.Conflict, "not subscribed to RPC requests");
        await device.SubscribeAsync("v1/devices/me/rpc/request/+");

        (await admin.SendAsync(HttpMethod.Post, rpc, new { method = "reboot", timeoutMs = 300 })).StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await admin.SendOkAsync(HttpMethod.Post, rpc, new { method = "blink", oneway = true }))["status"]!.GetValue<string>().Should().Be("sent");
        (await admin.SendAsync(HttpMethod.Post, rpc, new { method = "", timeoutMs = 300 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await device.ReceiveAsync())!.Value.Payload.Should().Contain("reboot");
        (await device.ReceiveAsync())!.Value.Payload.Should().Contain("blink");
    }

    [Fact]
    public async Task PersistentCallWaitsForTheDeviceAndKeepsItsAnswer()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync();
        HttpResponseMessage queued = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/d1/rpc",
            new { method = "updateConfig", @params = new { level = 3 }, persistent = true });
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        string location = queued.Headers.Location!.ToString();
        (await admin.GetAsync(location))["status"]!.GetValue<string>().Should().Be("queued");

        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await device.SubscribeAsync("v1/devices/me/rpc/request/+");
        (string topic, string payload) = (await device.ReceiveAsync())!.Value;
        payload.Should().Contain("updateConfig");
        (await admin.GetAsync(location))["status"]!.GetValue<string>().Should().Be("sent");
        await device.PublishAsync(topic.Replace("/request/", "/response/", StringComparison.Ordinal), "\"done\"");

        JsonObject settled = await admin.GetAsync(location);
        settled["status"]!.GetValue<string>().Should().Be("successful");
        settled["response"]!.GetValue<string>().Should().Be("done");
    }

    [Fact]
    public async Task DeviceAsksThePlatformForTheTime()
    {
        (_, _, string token) = await DeviceAsync();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await device.SubscribeAsync("v1/devices/me/rpc/response/+");

        await device.PublishAsync("v1/devices/me/rpc/request/1", """{"method":"getCurrentTime","params":{}}""");
        (string topic, string payload) = (await device.ReceiveAsync())!.Value;
        await device.PublishAsync("v1/devices/me/rpc/request/2", """{"method":"getWeather","params":{}}""");
        (string _, string unknown) = (await device.ReceiveAsync())!.Value;

        topic.Should().Be("v1/devices/me/rpc/response/1");
        long.Parse(payload, System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 60_000);
        unknown.Should().Contain("getWeather");
    }

    private async Task<(CarmenClient Admin, string Tenant, string Token)> DeviceAsync()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        return (admin, tenant, token);
    }
}
