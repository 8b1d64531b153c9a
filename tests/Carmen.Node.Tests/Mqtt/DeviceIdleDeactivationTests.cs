using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>A connected device's grain leaves memory when idle and comes back on demand, its presence and the way to its connection intact.</summary>
public sealed class DeviceIdleDeactivationTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task AnIdleConnectedDeviceKeepsPresenceRpcAndTelemetryAcrossDeactivation()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await device.SubscribeAsync("v1/devices/me/rpc/request/+");
        await Task.Delay(50); // the last message comes measurably after the connect
        (await device.PublishAsync("v1/devices/me/telemetry", """{"temperature":21.5}""")).IsSuccess.Should().BeTrue();
        DateTimeOffset lastMessage = DateTimeOffset.Parse((await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1/diagnostics"))["lastSeenAt"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture);

        IManagementGrain management = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        (await DeviceActivationsAsync(management)).Should().Be(0, "the idle device grain was deactivated");

        JsonObject woken = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1");
        woken["status"]!.GetValue<string>().Should().Be("online");
        DateTimeOffset.Parse(woken["lastSeenAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(lastMessage, "the time of the last message was saved with the grain");

        await management.ForceActivationCollection(TimeSpan.Zero);
        Task<HttpResponseMessage> call = admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/d1/rpc", new { method = "ping" });
        (string topic, string _) = (await device.ReceiveAsync())!.Value;
        (await device.PublishAsync($"v1/devices/me/rpc/response/{topic["v1/devices/me/rpc/request/".Length..]}", """{"pong":true}""")).IsSuccess.Should().BeTrue();
        (await call).StatusCode.Should().Be(HttpStatusCode.OK, "a call reaches the connection through the link the grain's state keeps");

        await management.ForceActivationCollection(TimeSpan.Zero);
        (await device.PublishAsync("v1/devices/me/telemetry", """{"temperature":22.5}""")).IsSuccess.Should().BeTrue();
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1/telemetry/latest"))["temperature"]!["value"]!.GetValue<double>().Should().Be(22.5);
    }

    private static async Task<int> DeviceActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(statistic => statistic.GrainType.EndsWith(".DeviceGrain", StringComparison.Ordinal)).Sum(statistic => statistic.ActivationCount);
}
