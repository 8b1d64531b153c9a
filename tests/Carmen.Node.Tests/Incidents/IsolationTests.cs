using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Incidents;

/// <summary>
/// An incident's quarantine is isolation, not refusal: the device stays connected and its telemetry (evidence) is
/// taken, from Debian's mosquitto_pub too, it answers diagnostic RPCs, and it gets no other RPC, configuration or
/// update until the incident is released.
/// </summary>
public sealed class IsolationTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [MosquittoFact]
    public async Task AnIsolatedDeviceSendsTelemetryAndAnswersDiagnosticsButGetsNothingElseUntilReleased()
    {
        (CarmenClient admin, string tenant, string token) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        string device = $"/api/v1/tenants/{tenant}/devices/d1";
        await using DeviceMqttClient first = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        JsonObject opened = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/incidents",
            new { title = "Suspicious outbound traffic", devices = new[] { "d1" }, actions = new[] { "quarantine" } });
        long id = opened["id"]!.GetValue<long>();
        JsonObject contained = await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/incidents/{id}", incident => incident["status"]!.GetValue<string>() == "contained");

        contained["progress"]!["contained"]!.GetValue<int>().Should().Be(1);
        JsonObject isolated = await admin.GetAsync(device);
        isolated["status"]!.GetValue<string>().Should().Be("isolated");
        isolated["isolatedBy"]!.GetValue<long>().Should().Be(id);
        (await admin.GetAsync($"{device}/diagnostics"))["connected"]!.GetValue<bool>().Should().BeTrue("isolation keeps the connection: it is where the evidence comes from");

        (int published, string output) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", factory.MqttPort.ToString(CultureInfo.InvariantCulture), "-u", token, "-t", "v1/devices/me/telemetry", "-m", """{"outbound":4711}""", "-q", "1"],
            TimeSpan.FromSeconds(10));
        published.Should().Be(0, output);
        (await admin.GetEventuallyAsync($"{device}/telemetry/latest", latest => latest.ContainsKey("outbound")))["outbound"]!["value"]!.GetValue<int>().Should().Be(4711);

        // mosquitto_pub's session took the first one over; an isolated device may connect again.
        await using DeviceMqttClient connection = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await connection.SubscribeAsync("v1/devices/me/rpc/request/+");

        HttpResponseMessage reboot = await admin.SendAsync(HttpMethod.Post, $"{device}/rpc", new { method = "reboot", oneway = true });
        await reboot.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await reboot.Content.ReadAsStringAsync()).Should().Contain($"isolated by incident {id}");
        HttpResponseMessage diagnostics = await admin.SendAsync(HttpMethod.Post, $"{device}/rpc", new { method = "getDiagnostics", oneway = true });
        diagnostics.StatusCode.Should().Be(HttpStatusCode.OK, await diagnostics.Content.ReadAsStringAsync());
        (await connection.ReceiveAsync())!.Value.Payload.Should().Contain("getDiagnostics");
        await (await admin.SendAsync(HttpMethod.Put, $"{device}/attributes/shared", new { mode = "fast" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await connection.PublishAsync("v1/devices/me/attributes", """{"firmware":"tampered"}""")).IsSuccess.Should().BeTrue();
        (await admin.GetEventuallyAsync($"{device}/diagnostics", diagnostics => diagnostics.ToJsonString().Contains($"isolated by incident {id}", StringComparison.Ordinal)))
            .ToJsonString().Should().Contain("only telemetry is taken");

        JsonObject released = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/incidents/{id}/release");
        released["status"]!.GetValue<string>().Should().BeOneOf("releasing", "released");
        await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/incidents/{id}", incident => incident["status"]!.GetValue<string>() == "released");
        JsonObject free = await admin.GetAsync(device);
        free["status"]!.GetValue<string>().Should().Be("online");
        free["isolatedBy"].Should().BeNull();
        (await admin.SendAsync(HttpMethod.Post, $"{device}/rpc", new { method = "reboot", oneway = true })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnIsolatedDeviceIsListedAsSuchAndLiftingAnOperatorsQuarantineLeavesItIsolated()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        string device = $"/api/v1/tenants/{tenant}/devices/d1";
        long id = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/incidents",
            new { title = "Lost laptop held the token", devices = new[] { "d1" }, actions = new[] { "quarantine" } }))["id"]!.GetValue<long>();
        await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/incidents/{id}", incident => incident["status"]!.GetValue<string>() == "contained");

        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?status=isolated"))["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>())
            .Should().Equal("d1");
        await admin.SendOkAsync(HttpMethod.Patch, device, new { quarantined = true });
        (await admin.GetAsync(device))["status"]!.GetValue<string>().Should().Be("quarantined");
        await admin.SendOkAsync(HttpMethod.Patch, device, new { quarantined = false });
        (await admin.GetAsync(device))["status"]!.GetValue<string>().Should().Be("isolated", "lifting an operator's quarantine leaves the incident's isolation");
    }
}
