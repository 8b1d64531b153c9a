using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Gateways;

/// <summary>A gateway written with MQTT.js (npm's mqtt 5.x, run by the machine's Node.js), over MQTT 3.1.1 and 5.</summary>
public sealed class GatewayMqttJsTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [NodeScriptTheory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task AnMqttJsGatewayCarriesItsChildBothWays(int protocolVersion)
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        string child = GatewayHost.ChildId("JS Child");
        await using NodeScript gateway = NodeScript.Start("gateway.mjs",
            factory.MqttPort.ToString(CultureInfo.InvariantCulture), token, protocolVersion.ToString(CultureInfo.InvariantCulture), "JS Child");

        await gateway.NextAsync(line => line["event"]!.GetValue<string>() == "ready");
        JsonObject answer = await gateway.NextAsync(line => Topic(line) == "v1/gateway/attributes/response");
        answer["message"]!.ToJsonString().Should().Be("""{"id":1,"device":"JS Child","value":"2.0.1"}""");
        JsonObject latest = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{child}/telemetry/latest");
        latest["temp"]!["value"]!.GetValue<double>().Should().Be(13.5);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{child}"))["type"]!.GetValue<string>().Should().Be("mqtt.js");

        HttpResponseMessage call = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/{child}/rpc", new { method = "blink", @params = new { times = 3 } });
        call.StatusCode.Should().Be(HttpStatusCode.OK, await call.Content.ReadAsStringAsync());
        (await call.Content.ReadAsStringAsync()).Should().Be("""{"echoed":{"times":3}}""");

        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/{child}/attributes/shared", new { brightness = 70 });
        JsonObject pushed = await gateway.NextAsync(line => Topic(line) == "v1/gateway/attributes");
        pushed["message"]!.ToJsonString().Should().Be("""{"device":"JS Child","data":{"brightness":70}}""");
    }

    private static string? Topic(JsonObject line) => line["topic"]?.GetValue<string>();
}
