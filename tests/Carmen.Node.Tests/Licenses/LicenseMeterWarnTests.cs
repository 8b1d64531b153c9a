using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;
using MQTTnet;

namespace Carmen.Node.Tests.Licenses;

/// <summary>A platform that only warns about used-up meters keeps taking telemetry past them and says the month is used up.</summary>
public sealed class LicenseMeterWarnTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Carmen:Licenses:MeterAction"] = "Warn",
            ["Carmen:Licenses:MeterFlushInterval"] = "00:00:00.200",
        },
    };

    [Fact]
    public async Task TelemetryPastTheMeterIsStillTaken()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 10, meters = new Dictionary<string, long> { ["telemetryPointsPerMonth"] = 3 } });
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(_factory.MqttPort, token);

        await device.PublishAsync("v1/devices/me/telemetry", """{"a":1,"b":2,"c":3,"d":4}""");
        await admin.GetEventuallyAsync($"{api}/license-usage", body => body["meters"]!["telemetryPointsPerMonth"]!["exhaustedAt"] is not null);
        await Task.Delay(500); // reports after the meter is used up
        MqttClientPublishResult past = await device.PublishAsync("v1/devices/me/telemetry", """{"past":1}""");
        JsonObject latest = await admin.GetEventuallyAsync($"{api}/devices/d1/telemetry/latest", body => body["past"] is not null);
        JsonObject meter = await admin.GetEventuallyAsync($"{api}/license-usage", body => body["meters"]!["telemetryPointsPerMonth"]!["used"]!.GetValue<long>() == 5);

        past.ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        latest["past"].Should().NotBeNull();
        meter["meters"]!["telemetryPointsPerMonth"]!["exhaustedAt"].Should().NotBeNull("the month stays used up, and counted");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
