using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Alerts;

/// <summary>
/// Alerts end to end: a real device's MQTT telemetry raises them against the tenant's rules, operators work them
/// through the API, and nothing of one tenant's alerts is visible or writable from another.
/// </summary>
public sealed class AlertLifecycleTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private static readonly object s_cpuAbove80 = new { key = "cpu", op = "gt", value = 80 };

    [Fact]
    public async Task ATelemetryAlertIsAcknowledgedAssignedCommentedAndClearedByOperators()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-ops", "operator");
        using CarmenClient ops = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-ops", CarmenClient.UserPassword);
        await RuleAsync(admin, tenant, "Hot CPU", s_cpuAbove80);
        await using DeviceMqttClient pump = await DeviceAsync(admin, tenant, "pump-1");

        await SendAsync(pump, """{"cpu":95.5}""");
        string id = (await admin.GetEventuallyAsync(Alerts(tenant, "?state=activeUnacknowledged"), page => Count(page) == 1))["items"]![0]!["id"]!.GetValue<string>();
        JsonObject raised = await admin.GetAsync(Alerts(tenant, $"/{id}"));
        JsonObject acknowledged = await ops.SendOkAsync(HttpMethod.Post, Alerts(tenant, $"/{id}/acknowledge"));
        JsonObject assigned = await ops.SendOkAsync(HttpMethod.Post, Alerts(tenant, $"/{id}/assign"), new { assignee = $"{tenant}-ops" });
        HttpResponseMessage strangerAssigned = await ops.SendAsync(HttpMethod.Post, Alerts(tenant, $"/{id}/assign"), new { assignee = "nobody-here" });
        JsonObject commented = await ops.SendOkAsync(HttpMethod.Post, Alerts(tenant, $"/{id}/comments"), new { text = "Fan replaced on site." });
        HttpResponseMessage emptyComment = await ops.SendAsync(HttpMethod.Post, Alerts(tenant, $"/{id}/comments"), new { text = " " });
        JsonObject cleared = await ops.SendOkAsync(HttpMethod.Post, Alerts(tenant, $"/{id}/clear"));

        (Text(raised, "severity"), Text(raised, "deviceId"), Text(raised, "clusterId"), Text(raised, "ruleName")).Should().Be(("major", "pump-1", "c1", "Hot CPU"));
        raised["details"]!["cpu"]!["value"]!.GetValue<double>().Should().Be(95.5, "the alert keeps the value that raised it");
        (Text(acknowledged, "state"), Text(acknowledged, "acknowledgedBy")).Should().Be(("activeAcknowledged", $"{tenant}-ops"));
        (Text(assigned, "assignee"), Text(assigned, "assignedBy")).Should().Be(($"{tenant}-ops", $"{tenant}-ops"));
        await strangerAssigned.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "assignee");
        commented["comments"]![0]!["text"]!.GetValue<string>().Should().Be("Fan replaced on site.");
        await emptyComment.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "text");
        (Text(cleared, "state"), Text(cleared, "clearedBy")).Should().Be(("clearedAcknowledged", $"{tenant}-ops"));
        cleared["comments"]!.AsArray().Should().HaveCount(1, "a refused comment leaves nothing");
    }

    [Fact]
    public async Task AClearConditionClearsTheAlertAndARepeatWhileActiveIsAnotherOccurrence()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        await RuleAsync(admin, tenant, "Hot CPU", s_cpuAbove80, clearCondition: new { key = "cpu", op = "lt", value = 50 });
        await using DeviceMqttClient pump = await DeviceAsync(admin, tenant, "pump-1");

        await SendAsync(pump, """{"cpu":90}""");
        await SendAsync(pump, """{"cpu":70}""");
        await SendAsync(pump, """{"cpu":92}""");
        JsonObject recurred = (await admin.GetEventuallyAsync(Alerts(tenant), page => Count(page) == 1 && Number(page, "occurrences") == 2))["items"]![0]!.AsObject();
        await SendAsync(pump, """{"cpu":40}""");
        JsonObject cleared = await admin.GetAsync(Alerts(tenant, $"/{recurred["id"]}"));
        await SendAsync(pump, """{"cpu":95}""");
        JsonObject both = await admin.GetEventuallyAsync(Alerts(tenant), page => Count(page) == 2);

        cleared["latestDetails"]!["cpu"]!["value"]!.GetValue<double>().Should().Be(92);
        (Text(cleared, "state"), Text(cleared, "clearedBy")).Should().Be(("clearedUnacknowledged", "rule"));
        both["items"]!.AsArray().Select(alert => Text(alert!, "state")).Should().Equal(["activeUnacknowledged", "clearedUnacknowledged"], "newest first");
    }

    [Fact]
    public async Task AlertsAreFilteredPagedNewestFirstAndAcknowledgedInBulk()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units/bu/clusters", new { id = "c2", name = "Cluster two" });
        long hot = await RuleAsync(admin, tenant, "Hot CPU", s_cpuAbove80, severity: "critical");
        long wet = await RuleAsync(admin, tenant, "Wet", new { key = "humidity", op = "gt", value = 90 }, severity: "minor");
        await using DeviceMqttClient first = await DeviceAsync(admin, tenant, "d1");
        await using DeviceMqttClient second = await DeviceAsync(admin, tenant, "d2", "c2");

        await SendAsync(first, """{"cpu":95,"humidity":95}""");
        await SendAsync(second, """{"cpu":90}""");
        JsonObject all = await admin.GetEventuallyAsync(Alerts(tenant), page => Count(page) == 3);
        JsonObject firstPage = await admin.GetAsync(Alerts(tenant, "?pageSize=2"));
        JsonObject secondPage = await admin.GetAsync(Alerts(tenant, $"?pageSize=2&continuationToken={Text(firstPage, "continuationToken")}"));
        string[] ids = [.. all["items"]!.AsArray().Select(alert => Text(alert!, "id"))];
        JsonObject bulk = await admin.SendOkAsync(HttpMethod.Post, Alerts(tenant, "/acknowledge"), new { ids = new[] { ids[0], ids[1], "no-such-alert" } });

        Total(await admin.GetAsync(Alerts(tenant, "?severity=critical"))).Should().Be(2);
        Total(await admin.GetAsync(Alerts(tenant, "?deviceId=d1"))).Should().Be(2);
        Total(await admin.GetAsync(Alerts(tenant, $"?ruleId={wet}"))).Should().Be(1);
        Total(await admin.GetAsync(Alerts(tenant, $"?ruleId={hot}&clusterId=c2"))).Should().Be(1);
        Total(await admin.GetAsync(Alerts(tenant, "?state=clearedUnacknowledged,clearedAcknowledged"))).Should().Be(0);
        Total(await admin.GetAsync(Alerts(tenant, $"?from={DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()}"))).Should().Be(0);
        Total(await admin.GetAsync(Alerts(tenant, "?to=2000-01-01T00:00:00Z"))).Should().Be(0);
        all["items"]!.AsArray().Select(alert => alert!["raisedAt"]!.GetValue<DateTimeOffset>()).Should().BeInDescendingOrder();
        firstPage["items"]!.AsArray().Concat(secondPage["items"]!.AsArray()).Select(alert => Text(alert!, "id")).Should().Equal(ids);
        secondPage["continuationToken"].Should().BeNull();
        bulk["acknowledged"]!.AsArray().Select(id => id!.GetValue<string>()).Should().BeEquivalentTo(ids[..2]);
        bulk["notFound"]!.AsArray().Select(id => id!.GetValue<string>()).Should().Equal("no-such-alert");
        Total(await admin.GetAsync(Alerts(tenant, "?state=activeAcknowledged"))).Should().Be(2);
    }

    [Theory]
    [InlineData("?state=open", "state")]
    [InlineData("?severity=high", "severity")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?continuationToken=not-a-token", "continuationToken")]
    [InlineData("?continuationToken=%21%21%21", "continuationToken")]
    public async Task AMalformedListingIsRefusedNamingTheParameter(string query, string field)
    {
        (CarmenClient admin, string tenant) = await TenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Get, Alerts(tenant, query));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AnotherTenantNeitherSeesNorTouchesTheAlerts()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        string other = await admin.CreateTenantAsync();
        using CarmenClient otherAdmin = await CarmenClient.SignInAsync(factory, other, $"{other}-admin", CarmenClient.UserPassword);
        await RuleAsync(admin, tenant, "Hot CPU", s_cpuAbove80);
        await using DeviceMqttClient pump = await DeviceAsync(admin, tenant, "pump");
        await using DeviceMqttClient namesake = await DeviceAsync(admin, other, "pump");
        await SendAsync(pump, """{"cpu":99}""");
        string id = Text((await admin.GetEventuallyAsync(Alerts(tenant), page => Count(page) == 1))["items"]![0]!, "id");

        await SendAsync(namesake, """{"cpu":99}""");
        HttpResponseMessage foreignList = await otherAdmin.SendAsync(HttpMethod.Get, Alerts(tenant));
        HttpResponseMessage foreignRead = await otherAdmin.SendAsync(HttpMethod.Get, Alerts(tenant, $"/{id}"));
        HttpResponseMessage ownRouteRead = await otherAdmin.SendAsync(HttpMethod.Get, Alerts(other, $"/{id}"));
        HttpResponseMessage ownRouteClear = await otherAdmin.SendAsync(HttpMethod.Post, Alerts(other, $"/{id}/clear"));
        JsonObject ownRouteBulk = await otherAdmin.SendOkAsync(HttpMethod.Post, Alerts(other, "/acknowledge"), new { ids = new[] { id } });

        await foreignList.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await foreignRead.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await ownRouteRead.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await ownRouteClear.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        ownRouteBulk["notFound"]!.AsArray().Should().ContainSingle();
        Total(await otherAdmin.GetAsync(Alerts(other))).Should().Be(0, "a tenant's rules watch only its own devices");
        Text(await admin.GetAsync(Alerts(tenant, $"/{id}")), "state").Should().Be("activeUnacknowledged");
    }

    [Fact]
    public async Task RulesWatchOnlyTheDevicesInTheirScopeAndAChangedRuleReachesRunningDevices()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        long pumps = await RuleAsync(admin, tenant, "Pumps", s_cpuAbove80, scope: new { type = "label", id = "pump" });
        long unit = await RuleAsync(admin, tenant, "Unit", new { key = "cpu", op = "gt", value = 90 }, scope: new { type = "businessUnit", id = "bu" });
        await using DeviceMqttClient pump = await DeviceAsync(admin, tenant, "p1", extra: new { labels = new[] { "pump" } });
        await using DeviceMqttClient valve = await DeviceAsync(admin, tenant, "v1");

        await SendAsync(pump, """{"cpu":85}""");
        await SendAsync(valve, """{"cpu":85}""");
        JsonObject byLabel = await admin.GetEventuallyAsync(Alerts(tenant), page => Count(page) == 1);
        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/alert-rules/{unit}", new
        {
            name = "Unit", severity = "major", scope = new { type = "businessUnit", id = "bu" }, condition = new { key = "cpu", op = "gt", value = 60 },
        });
        JsonObject afterChange = await EventuallyRaisedAsync(admin, tenant, valve, """{"cpu":85}""", unit);

        (Text(byLabel["items"]![0]!, "deviceId"), Number(byLabel, "ruleId")).Should().Be(("p1", pumps), "only the pump has the label, and 85 is not above 90");
        afterChange["items"]!.AsArray().Select(alert => Text(alert!, "deviceId")).Should().Contain("v1", "the changed rule reached the running device");
    }

    /// <summary>Sends until the rule has raised on the device: a changed rule reaches devices within the rule-check interval (2 s).</summary>
    private static async Task<JsonObject> EventuallyRaisedAsync(CarmenClient admin, string tenant, DeviceMqttClient device, string payload, long ruleId)
    {
        JsonObject page = await Eventually.ReadAsync(
            async () =>
            {
                await SendAsync(device, payload);
                return await admin.GetAsync(Alerts(tenant, $"?ruleId={ruleId}"));
            },
            page => Count(page) > 0);
        Count(page).Should().BePositive($"rule {ruleId} raises within 10 s");
        return page;
    }

    private async Task<(CarmenClient Admin, string Tenant)> TenantAsync()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        return (admin, await admin.CreateTenantAsync());
    }

    private static async Task<long> RuleAsync(
        CarmenClient admin, string tenant, string name, object condition, object? clearCondition = null, string severity = "major", object? scope = null)
    {
        JsonObject rule = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alert-rules",
            new { name, severity, scope = scope ?? new { type = "tenant" }, condition, clearCondition });
        return rule["id"]!.GetValue<long>();
    }

    private async Task<DeviceMqttClient> DeviceAsync(CarmenClient admin, string tenant, string deviceId, string clusterId = "c1", object? extra = null)
    {
        string token = (await admin.CreateDeviceAsync(tenant, deviceId, clusterId, extra))["accessToken"]!.GetValue<string>();
        return await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
    }

    private static async Task SendAsync(DeviceMqttClient device, string payload) =>
        (await device.PublishAsync("v1/devices/me/telemetry", payload)).IsSuccess.Should().BeTrue();

    private static string Alerts(string tenant, string rest = "") => $"/api/v1/tenants/{tenant}/alerts{rest}";

    private static int Count(JsonObject page) => page["items"]!.AsArray().Count;

    private static long Total(JsonObject page) => page["total"]!.GetValue<long>();

    private static string Text(JsonNode node, string field) => node[field]!.GetValue<string>();

    private static long Number(JsonObject page, string field) => page["items"]![0]![field]!.GetValue<long>();
}
