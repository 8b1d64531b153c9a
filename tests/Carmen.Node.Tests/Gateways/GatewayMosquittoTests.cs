using System.Globalization;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Gateways;

/// <summary>The gateway API driven by Debian's mosquitto clients, which no one here wrote.</summary>
public sealed class GatewayMosquittoTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private string Port => factory.MqttPort.ToString(CultureInfo.InvariantCulture);

    [MosquittoFact]
    public async Task MosquittoPubSendsTelemetryForTwoChildrenOverMqtt311()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);

        (int exitCode, string output) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", Port, "-u", token, "-q", "1", "-V", "mqttv311", "-t", "v1/gateway/telemetry",
             "-m", """{"Boiler 1":[{"ts":1700000000000,"values":{"temp":70.5}}],"Boiler 2":{"temp":65}}"""],
            TimeSpan.FromSeconds(20));

        exitCode.Should().Be(0, output);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{GatewayHost.ChildId("Boiler 1")}/telemetry/latest"))["temp"]!["ts"]!.GetValue<long>().Should().Be(1700000000000);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{GatewayHost.ChildId("Boiler 2")}/telemetry/latest"))["temp"]!["value"]!.GetValue<double>().Should().Be(65);
    }

    [MosquittoFact]
    public async Task MosquittoRrAsksForAChildsAttributesAndGetsTheAnswer()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        (int sent, string sentOutput) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", Port, "-u", token, "-q", "1", "-t", "v1/gateway/connect", "-m", """{"device":"Chiller"}"""], TimeSpan.FromSeconds(20));
        sent.Should().Be(0, sentOutput);
        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/{GatewayHost.ChildId("Chiller")}/attributes/shared", new { mode = "eco" });

        (int exitCode, string output) = await Mosquitto.RunAsync("mosquitto_rr",
            ["-h", "127.0.0.1", "-p", Port, "-u", token, "-q", "1", "-t", "v1/gateway/attributes/request", "-e", "v1/gateway/attributes/response",
             "-m", """{"id":42,"device":"Chiller","client":false,"key":"mode"}""", "-W", "20"],
            TimeSpan.FromSeconds(30));

        exitCode.Should().Be(0, output);
        JsonNode.Parse(output.Trim())!.ToJsonString().Should().Be("""{"id":42,"device":"Chiller","value":"eco"}""");
    }
}
