using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>Per-device and per-tenant rates answer "quota exceeded", and the device's diagnostics say which limit fired.</summary>
public sealed class RateLimitTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task DeviceMessageRateIsEnforcedAndNamed()
    {
        (CarmenClient admin, string tenant, string token) = await TenantWithDeviceAsync(new { deviceMessagesPerSecond = 5 });
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        List<MqttClientPublishReasonCode> outcomes = await PublishBurstAsync(device, 30, """{"t":1}""");

        outcomes.Should().Contain(MqttClientPublishReasonCode.Success).And.Contain(MqttClientPublishReasonCode.QuotaExceeded);
        int refused = outcomes.Count(outcome => outcome == MqttClientPublishReasonCode.QuotaExceeded);
        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1/diagnostics");
        diagnostics["rejected"]!["quotaExceeded"]!.GetValue<long>().Should().Be(refused);
        diagnostics["recentRejections"]!.AsArray().Last()!["detail"]!.GetValue<string>().Should().Contain("Device message rate limit of 5/s");
    }

    [Fact]
    public async Task TenantPointRateIsEnforcedAndNamed()
    {
        (CarmenClient admin, string tenant, string token) = await TenantWithDeviceAsync(new { pointsPerSecond = 10 });
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        List<MqttClientPublishReasonCode> outcomes = await PublishBurstAsync(device, 20, """{"a":1,"b":2,"c":3}""");

        outcomes.Should().Contain(MqttClientPublishReasonCode.QuotaExceeded);
        outcomes.Count(outcome => outcome == MqttClientPublishReasonCode.Success).Should().BeLessThan(10, "10 points a second allow about 3 messages of 3 points a second");
        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1/diagnostics");
        diagnostics["recentRejections"]!.AsArray().Last()!["detail"]!.GetValue<string>().Should().Contain("Tenant data point rate limit (10/s");
    }

    private static async Task<List<MqttClientPublishReasonCode>> PublishBurstAsync(DeviceMqttClient device, int count, string payload)
    {
        var outcomes = new List<MqttClientPublishReasonCode>();
        for (int i = 0; i < count; i++)
        {
            outcomes.Add((await device.PublishAsync("v1/devices/me/telemetry", payload)).ReasonCode);
        }

        return outcomes;
    }

    private async Task<(CarmenClient Admin, string Tenant, string Token)> TenantWithDeviceAsync(object limits)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = "rl-" + Guid.NewGuid().ToString("N")[..8];
        await admin.SendOkAsync(HttpMethod.Post, "/api/v1/tenants", new { id = tenant, name = "Rate limited", limits });
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units", new { id = "bu", name = "BU" });
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units/bu/clusters", new { id = "c1", name = "C1" });
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        return (admin, tenant, token);
    }
}
