using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>A real Carmen process in the cluster profile: membership, grain state, reminders and the device index in PostgreSQL.</summary>
public sealed class PostgresNodeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "postgres-admin-1";
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public async Task NodeOnPostgresKeepsEverythingAcrossAKill()
    {
        Dictionary<string, string> environment = await ClusterEnvironmentAsync();
        string token;
        await using (CarmenProcess first = await CarmenProcess.StartAsync(_data.Path, environment))
        {
            token = await first.Http.SignInAsync("admin", AdminPassword);
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants", new { id = "acme", name = "Acme", limits = new { maxDevices = 1000 } });
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/business-units", new { id = "plant", name = "Plant" });
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/business-units/plant/clusters", new { id = "line-1", name = "Line 1" });
            object[] rows = [.. Enumerable.Range(0, 600).Select(i => new { id = $"dev-{i:D4}", clusterId = "line-1", labels = i % 6 == 0 ? new[] { "canary" } : [] })];
            JsonNode import = await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25", rows);
            import["succeeded"]!.GetValue<int>().Should().Be(600, import.ToJsonString());
            await first.Http.SendJsonAsync(token, HttpMethod.Put, "/api/v1/tenants/acme/devices/dev-0001/attributes/shared", new { interval = 15 });
            await first.Http.SendJsonAsync(token, HttpMethod.Delete, "/api/v1/tenants/acme/devices/dev-0002");
            await first.Http.SendJsonAsync(token, HttpMethod.Delete, "/api/v1/tenants/acme/devices/dev-0002?purge=true");

            await first.KillAsync();
        }

        await using CarmenProcess second = await CarmenProcess.StartAsync(_data.Path, environment);

        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme"))["deviceCount"]!.GetValue<int>().Should().Be(599);
        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices?label=canary&pageSize=1"))["total"]!.GetValue<long>().Should().Be(100);
        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices/dev-0001"))["sharedAttributes"]!["interval"]!.GetValue<int>().Should().Be(15);
        (await second.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants/acme/devices/dev-0002")
        {
            Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
        })).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "a purged device stays purged");
        await second.Http.SignInAsync("admin", AdminPassword);
        await ShouldHoldSecretsEncryptedAsync(environment["ConnectionStrings__Carmen"]);
    }

    /// <summary>The signing keys' state is stored encrypted, and so is the one key of the cluster's key ring.</summary>
    private static async Task ShouldHoldSecretsEncryptedAsync(string connectionString)
    {
        await using var database = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using (Npgsql.NpgsqlCommand state = database.CreateCommand("SELECT payload_binary FROM orleans_storage WHERE grain_type_string LIKE '%signing-keys%'"))
        {
            byte[] payload = (byte[])(await state.ExecuteScalarAsync())!;
            System.Text.Encoding.ASCII.GetString(payload, 0, 4).Should().Be("CPS1", "the token signing keys are stored encrypted");
        }

        await using Npgsql.NpgsqlCommand keys = database.CreateCommand("SELECT xml FROM carmen_data_protection_keys");
        List<string> ring = [];
        await using (Npgsql.NpgsqlDataReader reader = await keys.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ring.Add(reader.GetString(0));
            }
        }

        ring.Should().ContainSingle("the silo made the first key once, before it needed one")
            .Which.Should().Contain("encryptedSecret").And.NotContain("<masterKey");
    }

    [PostgresFact]
    public async Task TelemetryHistoryAndFleetSummaryOnPostgres()
    {
        Dictionary<string, string> environment = await ClusterEnvironmentAsync();
        environment["Carmen__Mqtt__DevicePointsPerSecond"] = "100000";
        await using CarmenProcess node = await CarmenProcess.StartAsync(_data.Path, environment);
        string token = await node.Http.SignInAsync("admin", AdminPassword);
        await node.Http.CreateTenantWithClusterAsync(token, "acme");
        string accessToken = await node.Http.CreateDeviceAsync(token, "acme", "meter");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(node.MqttPort, accessToken);
        const long start = 1_700_000_000_000;
        string backlog = "[" + string.Join(",", Enumerable.Range(0, 600).Select(i => $$$"""{"ts":{{{start + (i * 1000)}}},"values":{"kw":{{{i % 60}}},"on":{{{(i % 2 == 0 ? "true" : "false")}}}}}""")) + "]";
        (await device.PublishAsync("v1/devices/me/telemetry", backlog)).IsSuccess.Should().BeTrue();
        (await device.PublishAsync("v1/devices/me/telemetry", backlog)).IsSuccess.Should().BeTrue("a redelivered batch replaces its first copy");
        string history = $"/api/v1/tenants/acme/devices/meter/telemetry?key=kw&from={start}&to={start + 600_000}";

        JsonNode raw = await Eventually.ReadAsync(() => node.Http.GetJsonAsync(token, history), body => body["points"]!.AsArray().Count >= 600);

        raw["points"]!.AsArray().Should().HaveCount(600);
        (await node.Http.GetJsonAsync(token, $"{history}&agg=avg&interval=60000"))["points"]!.AsArray()
            .Select(point => point!["value"]!.GetValue<double>()).Should().AllSatisfy(average => average.Should().Be(29.5));
        (await node.Http.GetJsonAsync(token, $"/api/v1/tenants/acme/devices/meter/telemetry?key=on&from={start}&to={start + 600_000}&agg=avg&interval=600000"))
            ["points"]![0]!["value"]!.GetValue<double>().Should().Be(0.5, "booleans aggregate as 1 and 0");
        JsonNode summary = await node.Http.GetJsonAsync(token, "/api/v1/tenants/acme/fleet/summary?topKey=kw");
        summary["online"]!.GetValue<long>().Should().Be(1);
        summary["top"]![0]!["deviceId"]!.GetValue<string>().Should().Be("meter");
    }

    [PostgresFact]
    public async Task AlertsOnPostgresOutliveAKillAndTheDeviceStillClearsItsOwnAlert()
    {
        Dictionary<string, string> environment = await ClusterEnvironmentAsync();
        string token, accessToken, alertId;
        await using (CarmenProcess first = await CarmenProcess.StartAsync(_data.Path, environment))
        {
            token = await first.Http.SignInAsync("admin", AdminPassword);
            await first.Http.CreateTenantWithClusterAsync(token, "acme");
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/alert-rules",
                new { name = "Hot", severity = "critical", scope = new { type = "tenant" }, condition = new { key = "cpu", op = "gt", value = 80 } });
            accessToken = await first.Http.CreateDeviceAsync(token, "acme", "meter");
            await using (DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(first.MqttPort, accessToken))
            {
                (await device.PublishAsync("v1/devices/me/telemetry", """{"cpu":95}""")).IsSuccess.Should().BeTrue();
            }

            alertId = (await EventuallyAsync(first, token, "/api/v1/tenants/acme/alerts", page => page["total"]!.GetValue<long>() == 1))["items"]![0]!["id"]!.GetValue<string>();
            await first.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/acme/alerts/{alertId}/acknowledge", new { });
            await first.KillAsync();
        }

        await using CarmenProcess second = await CarmenProcess.StartAsync(_data.Path, environment);
        JsonNode kept = await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/alerts?state=activeAcknowledged");
        await using DeviceMqttClient again = await DeviceMqttClient.ConnectAsync(second.MqttPort, accessToken);
        (await again.PublishAsync("v1/devices/me/telemetry", """{"cpu":40}""")).IsSuccess.Should().BeTrue();
        JsonNode cleared = await EventuallyAsync(second, token, $"/api/v1/tenants/acme/alerts/{alertId}", alert => alert["clearedAt"] is not null);

        JsonNode report = await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/reports/alerts");

        kept["items"]![0]!["id"]!.GetValue<string>().Should().Be(alertId);
        (cleared["state"]!.GetValue<string>(), cleared["clearedBy"]!.GetValue<string>()).Should().Be(("clearedAcknowledged", "rule"),
            "the device's new activation knew its alert was active");
        (report["total"]!["alerts"]!.GetValue<long>(), report["total"]!["acknowledged"]!.GetValue<long>(), report["total"]!["cleared"]!.GetValue<long>())
            .Should().Be((1, 1, 1), "the report's one query runs on PostgreSQL too");
        report["bySeverity"]![0]!["key"]!.GetValue<string>().Should().Be("critical");
        report["total"]!["meanSecondsToClear"]!.GetValue<double>().Should().BePositive();
    }

    [PostgresFact]
    public async Task AnOfflineAlertStillComesWhenTheSiloDiesWhileTheDeviceIsOffline()
    {
        Dictionary<string, string> environment = await ClusterEnvironmentAsync();
        environment["Carmen__Alerts__ClockInterval"] = "00:00:01";
        environment["Carmen__Alerts__SweepInterval"] = "00:00:02";
        string token;
        await using (CarmenProcess first = await CarmenProcess.StartAsync(_data.Path, environment))
        {
            token = await first.Http.SignInAsync("admin", AdminPassword);
            await first.Http.CreateTenantWithClusterAsync(token, "acme");
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/alert-rules",
                new { name = "Offline", severity = "major", scope = new { type = "tenant" }, condition = new { offline = new { minutes = 1 } } });
            string accessToken = await first.Http.CreateDeviceAsync(token, "acme", "meter");
            await (await DeviceMqttClient.ConnectAsync(first.MqttPort, accessToken)).DisposeAsync();
            await EventuallyAsync(first, token, "/api/v1/tenants/acme/devices/meter", device => device["status"]!.GetValue<string>() == "offline");
            await Task.Delay(500); // the device records its due time right after saving its status
            await first.KillAsync(); // a minute before the alert: its timer dies with the silo
        }

        await using CarmenProcess second = await CarmenProcess.StartAsync(_data.Path, environment);
        JsonNode alerts = await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/alerts");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (alerts["total"]!.GetValue<long>() == 0 && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(500); // nothing calls the device: only the sweep can wake it
            alerts = await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/alerts");
        }

        alerts["items"]!.AsArray().Should().ContainSingle().Which!["ruleName"]!.GetValue<string>().Should().Be("Offline");
        alerts["items"]![0]!["deviceId"]!.GetValue<string>().Should().Be("meter");
    }

    [PostgresFact]
    public async Task PendingNotificationsAndEscalationsOutliveAKill()
    {
        Dictionary<string, string> environment = await ClusterEnvironmentAsync();
        environment["Carmen__Notifications__FirstRetryDelay"] = "00:00:01";
        environment["Carmen__Notifications__MaxRetryDelay"] = "00:00:02";
        environment["Carmen__Notifications__MaxAttempts"] = "50";
        await using var receiver = new HttpReceiver { StatusFor = _ => 503 };
        string token;
        await using (CarmenProcess first = await CarmenProcess.StartAsync(_data.Path, environment))
        {
            token = await first.Http.SignInAsync("admin", AdminPassword);
            await first.Http.CreateTenantWithClusterAsync(token, "acme");
            long channel = (await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/notification-channels",
                new { type = "webhook", name = "On call", url = receiver.BaseUrl + "hook" }))["id"]!.GetValue<long>();
            long path = (await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/escalation-paths", new
            {
                name = "Now and in a minute",
                levels = new[] { new { delayMinutes = 0, channelIds = new[] { channel } }, new { delayMinutes = 1, channelIds = new[] { channel } } },
            }))["id"]!.GetValue<long>();
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/alert-rules", new
            {
                name = "Hot", severity = "critical", scope = new { type = "tenant" }, condition = new { key = "cpu", op = "gt", value = 80 }, escalationPathId = path,
            });
            string accessToken = await first.Http.CreateDeviceAsync(token, "acme", "meter");
            await using (DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(first.MqttPort, accessToken))
            {
                (await device.PublishAsync("v1/devices/me/telemetry", """{"cpu":95}""")).IsSuccess.Should().BeTrue();
            }

            (await receiver.NextAsync(30)).Status.Should().Be(503, "level 0 is tried at once and refused");
            await first.KillAsync();
        }

        receiver.StatusFor = _ => 200;
        await using CarmenProcess second = await CarmenProcess.StartAsync(_data.Path, environment);
        var taken = new List<ReceivedRequest>();
        while (taken.Count < 2)
        {
            // Nothing wakes the grains but their reminders, which tick once a minute.
            ReceivedRequest request = await receiver.NextAsync(150);
            if (request.Status == 200)
            {
                taken.Add(request);
            }
        }

        taken.Select(request => JsonNode.Parse(request.Body)!["escalation"]!["level"]!.GetValue<int>()).Order()
            .Should().Equal([0, 1], "the refused level 0 is retried and level 1 comes due, both after the restart");
        JsonNode channels = await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/notification-channels");
        channels[0]!["deliveries"]!["delivered"]!.GetValue<long>().Should().Be(2);
    }

    private static async Task<JsonNode> EventuallyAsync(CarmenProcess node, string token, string path, Func<JsonNode, bool> condition)
    {
        JsonNode body = await Eventually.ReadAsync(() => node.Http.GetJsonAsync(token, path), condition);

        condition(body).Should().BeTrue(body.ToJsonString());
        return body;
    }

    public void Dispose() => _data.Dispose();

    /// <summary>The node keeps its silo and gateway ports across the restart, as a deployed node does.</summary>
    private async Task<Dictionary<string, string>> ClusterEnvironmentAsync() => new(CarmenProcess.ClusterEnvironment(await postgres.Server.CreateDatabaseAsync(), AdminPassword))
    {
        ["Carmen__Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Carmen__Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Carmen__Notifications__AllowedNetworks__0"] = "127.0.0.1/32", // the test's webhook receiver
    };
}
