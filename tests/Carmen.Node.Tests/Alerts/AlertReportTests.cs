using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Alerts;

/// <summary>The alert report from the alerts a real device raised: counts by severity, rule, cluster and device, and the mean times, as JSON and CSV.</summary>
public sealed class AlertReportTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task TheReportCountsAlertsByEachGroupingWithMeanTimesAsJsonAndCsv()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units/bu/clusters", new { id = "c2", name = "Cluster two" });
        await RuleAsync(admin, tenant, "Hot, CPU", "critical", "cpu");
        await RuleAsync(admin, tenant, "=Wet", "minor", "humidity");
        await using DeviceMqttClient first = await DeviceAsync(admin, tenant, "d1", "c1");
        await using DeviceMqttClient second = await DeviceAsync(admin, tenant, "d2", "c2");

        JsonObject raised = await RaiseAsync(admin, tenant, first, """{"cpu":95,"humidity":95}""", 2);
        await RaiseAsync(admin, tenant, second, """{"cpu":91}""", 3);
        string hotOnFirst = raised["items"]!.AsArray().Single(alert => Text(alert!, "ruleName") == "Hot, CPU")!["id"]!.GetValue<string>();
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alerts/{hotOnFirst}/acknowledge");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alerts/{hotOnFirst}/clear");
        JsonObject report = await admin.GetAsync($"/api/v1/tenants/{tenant}/reports/alerts");
        HttpResponseMessage csv = await admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/reports/alerts?format=csv");
        string[] lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        JsonObject before = await admin.GetAsync($"/api/v1/tenants/{tenant}/reports/alerts?to={DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds()}");

        JsonNode total = report["total"]!;
        (Number(total, "alerts"), Number(total, "acknowledged"), Number(total, "cleared")).Should().Be((3, 1, 1));
        total["meanSecondsToAcknowledge"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(0);
        total["meanSecondsToClear"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(total["meanSecondsToAcknowledge"]!.GetValue<double>(), "it was cleared after it was acknowledged");
        Lines(report, "bySeverity").Should().Equal(("critical", 2), ("minor", 1));
        Lines(report, "byCluster").Should().Equal(("c1", 2), ("c2", 1));
        Lines(report, "noisyDevices").Should().Equal(("d1", 2), ("d2", 1));
        report["byRule"]!.AsArray().Select(line => (Text(line!, "name"), Number(line!, "alerts"))).Should().Equal(("Hot, CPU", 2), ("=Wet", 1));
        report["bySeverity"]![1]!["meanSecondsToAcknowledge"].Should().BeNull("no minor alert was acknowledged");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        lines[0].Should().Be("grouping,key,name,alerts,occurrences,acknowledged,meanSecondsToAcknowledge,cleared,meanSecondsToClear");
        lines.Should().Contain(line => line.StartsWith("total,,,3,3,1,", StringComparison.Ordinal));
        lines.Should().Contain(line => line.Contains(",\"Hot, CPU\",2,", StringComparison.Ordinal), "a name with a comma is quoted");
        lines.Should().Contain(line => line.Contains(",'=Wet,1,", StringComparison.Ordinal), "a spreadsheet must not run a rule name as a formula");
        lines.Should().Contain(line => line.StartsWith("device,d2,,1,", StringComparison.Ordinal));
        Number(before["total"]!, "alerts").Should().Be(0, "nothing was raised an hour ago");
    }

    [Theory]
    [InlineData("?format=xml", "format")]
    [InlineData("?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from")]
    [InlineData("?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("?to=yesterday", "to")]
    public async Task AMalformedReportRequestNamesItsParameter(string query, string field)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/reports/alerts{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    private static Task<JsonObject> RuleAsync(CarmenClient admin, string tenant, string name, string severity, string key) =>
        admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alert-rules",
            new { name, severity, scope = new { type = "tenant" }, condition = new { key, op = "gt", value = 80 } });

    private async Task<DeviceMqttClient> DeviceAsync(CarmenClient admin, string tenant, string deviceId, string clusterId)
    {
        string token = (await admin.CreateDeviceAsync(tenant, deviceId, clusterId))["accessToken"]!.GetValue<string>();
        return await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
    }

    /// <summary>Sends until the tenant has <paramref name="alerts"/> alerts (rules reach the device's silo within seconds).</summary>
    private static async Task<JsonObject> RaiseAsync(CarmenClient admin, string tenant, DeviceMqttClient device, string payload, int alerts)
    {
        JsonObject page = await Eventually.ReadAsync(
            async () =>
            {
                (await device.PublishAsync("v1/devices/me/telemetry", payload)).IsSuccess.Should().BeTrue();
                return await admin.GetAsync($"/api/v1/tenants/{tenant}/alerts");
            },
            page => page["items"]!.AsArray().Count >= alerts);
        page["items"]!.AsArray().Count.Should().BeGreaterThanOrEqualTo(alerts, "the rules raise within seconds");
        return page;
    }

    private static IEnumerable<(string, long)> Lines(JsonObject report, string grouping) =>
        report[grouping]!.AsArray().Select(line => (Text(line!, "key"), Number(line!, "alerts")));

    private static long Number(JsonNode node, string field) => node[field]!.GetValue<long>();

    private static string Text(JsonNode node, string field) => node[field]!.GetValue<string>();
}
