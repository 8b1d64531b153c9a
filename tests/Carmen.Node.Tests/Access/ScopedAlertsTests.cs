using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>A cluster's operator lists and works the alerts of its cluster; another cluster's alerts do not exist for it.</summary>
public sealed class ScopedAlertsTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task ClusterOperatorSeesAndAcknowledgesOnlyItsClustersAlerts()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/alert-rules"),
            new { name = "Hot", severity = "major", scope = new { type = "tenant" }, condition = new { key = "cpu", op = "gt", value = 80 } });
        await using DeviceMqttClient near = await HotDeviceAsync(tenant, "near", "c1");
        await using DeviceMqttClient far = await HotDeviceAsync(tenant, "far", "c3");
        JsonObject all = await tenant.Admin.GetEventuallyAsync(tenant.Path("/alerts"), page => page["items"]!.AsArray().Count == 2);
        string nearAlert = IdOf(all, "near");
        string farAlert = IdOf(all, "far");
        using CarmenClient ops = await tenant.MemberAsync(factory, "ops", "operator", ScopedTenant.Cluster("c1"));

        JsonObject mine = await ops.GetAsync(tenant.Path("/alerts"));
        HttpResponseMessage farRead = await ops.SendAsync(HttpMethod.Get, tenant.Path($"/alerts/{farAlert}"));
        HttpResponseMessage farAcknowledged = await ops.SendAsync(HttpMethod.Post, tenant.Path($"/alerts/{farAlert}/acknowledge"));
        JsonObject bulk = await ops.SendOkAsync(HttpMethod.Post, tenant.Path("/alerts/acknowledge"), new { ids = new[] { nearAlert, farAlert } });

        mine["items"]!.AsArray().Select(alert => alert!["deviceId"]!.GetValue<string>()).Should().Equal("near");
        mine["total"]!.GetValue<long>().Should().Be(1);
        await farRead.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await farAcknowledged.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        bulk["acknowledged"]!.AsArray().Select(id => id!.GetValue<string>()).Should().Equal(nearAlert);
        bulk["notFound"]!.AsArray().Select(id => id!.GetValue<string>()).Should().Equal(farAlert);
        (await tenant.Admin.GetAsync(tenant.Path($"/alerts/{farAlert}")))["state"]!.GetValue<string>().Should().Be("activeUnacknowledged");
    }

    private async Task<DeviceMqttClient> HotDeviceAsync(ScopedTenant tenant, string deviceId, string clusterId)
    {
        string token = (await tenant.Admin.CreateDeviceAsync(tenant.Id, deviceId, clusterId))["accessToken"]!.GetValue<string>();
        DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        (await device.PublishAsync("v1/devices/me/telemetry", """{"cpu":95}""")).IsSuccess.Should().BeTrue();
        return device;
    }

    private static string IdOf(JsonObject page, string deviceId) =>
        page["items"]!.AsArray().Single(alert => alert!["deviceId"]!.GetValue<string>() == deviceId)!["id"]!.GetValue<string>();
}
