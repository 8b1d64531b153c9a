using System.Text.Json.Nodes;
using Carmen.EdgeAgent.Telemetry;
using Carmen.EdgeAgent.Tests.Infrastructure;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.EdgeAgent.Tests;

/// <summary>The agent against a real in-process Carmen node (its MQTT broker on loopback), seen through Carmen's API.</summary>
public sealed class AgentTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task AgentConnectsWithItsTokenAndPublishesSystemMetricsAndAttributes()
    {
        (CarmenClient admin, string devicePath, string token) = await DeviceAsync();
        await using RunningAgent agent = await RunningAgent.StartAsync(factory.MqttPort, token);

        JsonObject attributes = await admin.GetEventuallyAsync($"{devicePath}/attributes", body => body["client"]?["agentVersion"] is not null);
        JsonObject latest = await admin.GetEventuallyAsync($"{devicePath}/telemetry/latest?keys=cpu,memUsed,memAvailable,load1,uptime,disk./",
            body => body.Count == 6);

        attributes["client"]!["arch"]!.GetValue<string>().Should().NotBeEmpty();
        attributes["client"]!["kernel"]!.GetValue<string>().Should().NotBeEmpty();
        attributes["client"]!["bootId"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f-]{36}$");
        latest["memAvailable"]!["value"]!.GetValue<double>().Should().BeGreaterThan(0);
        (await admin.GetAsync(devicePath))["status"]!.GetValue<string>().Should().Be("online");
    }

    [Fact]
    public async Task AgentAnswersRpcButRunsOnlyWhatItsOwnerAllowed()
    {
        (CarmenClient admin, string devicePath, string token) = await DeviceAsync();
        await using RunningAgent agent = await RunningAgent.StartAsync(factory.MqttPort, token,
            options => options.AllowedCommands["greet"] = ["/bin/echo", "hello", "{0}"]);
        await admin.GetEventuallyAsync($"{devicePath}/attributes", body => body["client"]?["agentVersion"] is not null); // subscribed by then

        JsonNode ping = await CallAsync(admin, devicePath, new { method = "ping" });
        JsonNode greet = await CallAsync(admin, devicePath, new { method = "exec", @params = new { command = "greet", args = new[] { "world" } } });
        JsonNode notListed = await CallAsync(admin, devicePath, new { method = "exec", @params = new { command = "shutdown" } });
        JsonNode option = await CallAsync(admin, devicePath, new { method = "exec", @params = new { command = "greet", args = new[] { "-e" } } });
        JsonNode unknown = await CallAsync(admin, devicePath, new { method = "formatDisk" });
        JsonNode reboot = await CallAsync(admin, devicePath, new { method = "reboot" });
        JsonNode logs = await CallAsync(admin, devicePath, new { method = "getLogs", @params = new { lines = 50 } });
        JsonNode diagnostics = await CallAsync(admin, devicePath, new { method = "getDiagnostics", @params = new { top = 3 } });

        ping["pong"]!.GetValue<bool>().Should().BeTrue();
        (greet["exitCode"]!.GetValue<int>(), greet["stdout"]!.GetValue<string>()).Should().Be((0, "hello world\n"));
        notListed["error"]!.GetValue<string>().Should().Contain("not in this device's allowedCommands");
        option["error"]!.GetValue<string>().Should().Contain("may not start with '-'");
        unknown["error"]!.GetValue<string>().Should().Contain("Unknown method 'formatDisk'");
        reboot["error"]!.GetValue<string>().Should().Contain("not allowed");
        logs["lines"]!.AsArray().Select(line => line!.GetValue<string>()).Should().Contain(line => line.Contains("Connected to Carmen"));
        diagnostics["processes"]!.AsArray().Should().HaveCount(3);
        diagnostics["memory"]!["available"]!.GetValue<long>().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ASharedAttributeChangesTheTelemetryIntervalAndTheChangeIsKept()
    {
        (CarmenClient admin, string devicePath, string token) = await DeviceAsync();
        await using RunningAgent agent = await RunningAgent.StartAsync(factory.MqttPort, token);
        await admin.GetEventuallyAsync($"{devicePath}/attributes", body => body["client"]?["agentVersion"] is not null);

        await admin.SendOkAsync(HttpMethod.Put, $"{devicePath}/attributes/shared", new Dictionary<string, object> { [TelemetryInterval.AttributeName] = 7 });
        TelemetryInterval interval = agent.Service<TelemetryInterval>();
        await Eventually.HoldsAsync(() => interval.Current == TimeSpan.FromSeconds(7));

        interval.Current.Should().Be(TimeSpan.FromSeconds(7));
        File.ReadAllText(Path.Combine(agent.Options.StateDirectory, "telemetry-interval")).Should().Be("7", "a restart keeps Carmen's interval");
    }

    private async Task<(CarmenClient Admin, string DevicePath, string Token)> DeviceAsync()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "edge-1"))["accessToken"]!.GetValue<string>();
        return (admin, $"/api/v1/tenants/{tenant}/devices/edge-1", token);
    }

    /// <summary>A two-way call: Carmen answers with the device's response.</summary>
    private static async Task<JsonNode> CallAsync(CarmenClient admin, string devicePath, object call) =>
        await admin.SendOkAsync(HttpMethod.Post, $"{devicePath}/rpc", call);
}
