using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Gateways;

/// <summary>ThingsBoard's gateway API with MQTTnet: one connection carrying its children's data, presence, attributes and RPC.</summary>
public sealed class GatewayApiTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task AGatewayCarriesItsChildrensTelemetryAndPresence()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        string a = GatewayHost.ChildId("Press 7 / Line A"), b = GatewayHost.ChildId("sensor-b");
        await using (DeviceMqttClient gateway = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token))
        {
            (await gateway.PublishAsync("v1/gateway/connect", """{"device":"Press 7 / Line A","type":"press"}""")).IsSuccess.Should().BeTrue();
            (await gateway.PublishAsync("v1/gateway/telemetry",
                """{"Press 7 / Line A":[{"ts":1700000000000,"values":{"temp":21.5}},{"ts":1700000001000,"values":{"temp":22.5}}],"sensor-b":{"humidity":40}}"""))
                .IsSuccess.Should().BeTrue();

            JsonObject children = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?gatewayId=gw");
            children["items"]!.AsArray().Select(child => child!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["Press 7 / Line A", "sensor-b"]);
            children["items"]!.AsArray().Should().OnlyContain(child => child!["gatewayId"]!.GetValue<string>() == "gw" && child["clusterId"]!.GetValue<string>() == "c1");
            JsonObject press = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{a}");
            press["type"]!.GetValue<string>().Should().Be("press");
            press["status"]!.GetValue<string>().Should().Be("online");
            (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{a}/telemetry/latest"))["temp"]!["value"]!.GetValue<double>().Should().Be(22.5);
            (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{b}/telemetry/latest"))["humidity"]!["value"]!.GetValue<double>().Should().Be(40);
            (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/gw/telemetry/latest")).Should().BeEmpty("the gateway's own telemetry is its own");

            (await gateway.PublishAsync("v1/gateway/disconnect", """{"device":"sensor-b"}""")).IsSuccess.Should().BeTrue();
            await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/devices/{b}", device => device["status"]!.GetValue<string>() == "offline");
            (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{a}"))["status"]!.GetValue<string>().Should().Be("online");
        }

        await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/devices/{a}", device => device["status"]!.GetValue<string>() == "offline");
    }

    [Fact]
    public async Task RpcAndSharedAttributesReachAChildThroughItsGateway()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        string child = GatewayHost.ChildId("Valve 3");
        await using DeviceMqttClient gateway = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await gateway.SubscribeAsync("v1/gateway/rpc");
        await gateway.SubscribeAsync("v1/gateway/attributes");
        (await gateway.PublishAsync("v1/gateway/connect", """{"device":"Valve 3"}""")).IsSuccess.Should().BeTrue();

        Task<HttpResponseMessage> call = admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/{child}/rpc", new { method = "open", @params = new { percent = 40 } });
        JsonObject request = await gateway.NextAsync("v1/gateway/rpc");
        request["device"]!.GetValue<string>().Should().Be("Valve 3");
        request["data"]!["method"]!.GetValue<string>().Should().Be("open");
        request["data"]!["params"]!["percent"]!.GetValue<int>().Should().Be(40);
        int id = request["data"]!["id"]!.GetValue<int>();
        (await gateway.PublishAsync("v1/gateway/rpc", $$$"""{"device":"Valve 3","id":{{{id}}},"data":{"opened":40}}""")).IsSuccess.Should().BeTrue();
        HttpResponseMessage answer = await call;
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).Should().Be("""{"opened":40}""");

        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/{child}/attributes/shared", new { setpoint = 55 });
        JsonObject update = await gateway.NextAsync("v1/gateway/attributes");
        update["device"]!.GetValue<string>().Should().Be("Valve 3");
        update["data"]!["setpoint"]!.GetValue<int>().Should().Be(55);
    }

    [Fact]
    public async Task AttributeRequestsAreAnsweredForTheNamedChildInEveryForm()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        string child = GatewayHost.ChildId("Meter 9");
        await using DeviceMqttClient gateway = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await gateway.SubscribeAsync("v1/gateway/attributes/response");
        (await gateway.PublishAsync("v1/gateway/attributes", """{"Meter 9":{"firmware":"1.0.4","battery":87}}""")).IsSuccess.Should().BeTrue();
        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/{child}/attributes/shared", new { interval = 30 });

        await gateway.PublishAsync("v1/gateway/attributes/request", """{"id":1,"device":"Meter 9","client":true,"key":"firmware"}""");
        JsonObject single = await gateway.NextAsync("v1/gateway/attributes/response");
        await gateway.PublishAsync("v1/gateway/attributes/request", """{"id":2,"device":"Meter 9","client":false,"keys":["interval"]}""");
        JsonObject several = await gateway.NextAsync("v1/gateway/attributes/response");
        await gateway.PublishAsync("v1/gateway/attributes/request", """{"id":3,"device":"Meter 9","client":["battery"],"shared":["interval"]}""");
        JsonObject scoped = await gateway.NextAsync("v1/gateway/attributes/response");

        single.ToJsonString().Should().Be("""{"id":1,"device":"Meter 9","value":"1.0.4"}""");
        several.ToJsonString().Should().Be("""{"id":2,"device":"Meter 9","values":{"interval":30}}""");
        scoped.ToJsonString().Should().Be("""{"id":3,"device":"Meter 9","client":{"battery":87},"shared":{"interval":30}}""");
    }

    [Fact]
    public async Task AGatewayReachesItsOwnChildrenOnly()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        await admin.CreateDeviceAsync(tenant, "plain-1");
        string otherToken = (await admin.CreateDeviceAsync(tenant, "gw2"))["accessToken"]!.GetValue<string>();
        await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/devices/gw2", new { gateway = true });
        (CarmenClient otherAdmin, string otherTenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "shared-name");
        await using DeviceMqttClient other = await DeviceMqttClient.ConnectAsync(factory.MqttPort, otherToken);
        (await other.PublishAsync("v1/gateway/connect", """{"device":"Pump 1"}""")).IsSuccess.Should().BeTrue();
        await using DeviceMqttClient gateway = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        (await gateway.PublishAsync("v1/gateway/telemetry", """{"plain-1":{"temp":99},"Pump 1":{"temp":98},"shared-name":{"temp":20}}""")).IsSuccess.Should().BeTrue();
        MqttClientPublishResult rpcForeign = await gateway.PublishAsync("v1/gateway/rpc", """{"device":"plain-1","id":1,"data":{}}""");

        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/plain-1/telemetry/latest")).Should().BeEmpty("plain-1 is nobody's child");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{GatewayHost.ChildId("Pump 1")}/telemetry/latest")).Should().BeEmpty("Pump 1 is gw2's child");
        (await otherAdmin.GetAsync($"/api/v1/tenants/{otherTenant}/devices/shared-name/telemetry/latest")).Should().BeEmpty("another tenant is out of reach");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/shared-name/telemetry/latest"))["temp"]!["value"]!.GetValue<double>()
            .Should().Be(20, "the name in the gateway's tenant is the gateway's own new child");
        rpcForeign.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/gw/diagnostics");
        diagnostics["rejected"]!["notAuthorized"]!.GetValue<long>().Should().Be(3, "two foreign children in the telemetry, one in the RPC answer");
    }

    [Fact]
    public async Task ADeviceThatIsNoGatewayIsRefusedTheGatewayApi()
    {
        (CarmenClient admin, string tenant, string token) = await CarmenClient.TenantWithDeviceAsync(factory, "plain");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        MqttClientPublishResult published = await device.PublishAsync("v1/gateway/telemetry", """{"Child":{"temp":1}}""");
        MqttClientSubscribeResultCode subscribed = await device.SubscribeAsync("v1/gateway/rpc");

        published.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        subscribed.Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?gatewayId=plain"))["total"]!.GetValue<long>().Should().Be(0);
    }

    [Theory]
    [InlineData("v1/gateway/telemetry", "[1,2]")]
    [InlineData("v1/gateway/telemetry", """{"Child":[{"ts":"soon","values":{}}]}""")]
    [InlineData("v1/gateway/telemetry", """{"   ":{"temp":1}}""")]
    [InlineData("v1/gateway/connect", """{"type":"sensor"}""")]
    [InlineData("v1/gateway/attributes", """{"Child":[1]}""")]
    [InlineData("v1/gateway/attributes/request", """{"device":"Child","key":"a"}""")]
    [InlineData("v1/gateway/rpc", """{"device":"Child","id":"x"}""")]
    [InlineData("v1/gateway/telemetry", "not json")]
    public async Task MalformedGatewayPayloadsAreRefusedWholeAndCounted(string topic, string payload)
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        await using DeviceMqttClient gateway = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        MqttClientPublishResult published = await gateway.PublishAsync(topic, payload);

        published.ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid, published.ReasonString);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/gw/diagnostics"))["rejected"]!["malformedPayload"]!.GetValue<long>().Should().Be(1);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?gatewayId=gw"))["total"]!.GetValue<long>().Should().Be(0, "nothing of a refused message is taken");
    }

    [Fact]
    public async Task WithAutoRegistrationOffOnlyChildrenRegisteredByHandAreTaken()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}", new { settings = new Dictionary<string, string> { ["gateway.autoRegisterChildren"] = "false" } });
        JsonObject registered = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new { name = "Known Child", clusterId = "c1", gatewayId = "gw" });
        await using DeviceMqttClient gateway = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        (await gateway.PublishAsync("v1/gateway/telemetry", """{"Known Child":{"temp":5},"Stranger":{"temp":6}}""")).IsSuccess.Should().BeTrue();

        registered["id"]!.GetValue<string>().Should().Be(GatewayHost.ChildId("Known Child"));
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{registered["id"]}/telemetry/latest"))["temp"]!["value"]!.GetValue<double>().Should().Be(5);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?gatewayId=gw"))["total"]!.GetValue<long>().Should().Be(1);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/gw/diagnostics"))["rejected"]!["notAuthorized"]!.GetValue<long>().Should().Be(1);
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new { name = "Orphan", clusterId = "c1", gatewayId = "plain-none" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "gatewayId");
    }
}
