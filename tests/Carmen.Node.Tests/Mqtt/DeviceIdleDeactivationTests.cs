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

    internal static async Task<int> DeviceActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(statistic => statistic.GrainType.EndsWith(".DeviceGrain", StringComparison.Ordinal)).Sum(statistic => statistic.ActivationCount);
}

/// <summary>
/// Without a forced collection: Orleans' own collector takes an idle connected device's grain once its idle time has
/// passed, and the node then gives the collected grains' memory back (one induced full collection).
/// </summary>
public sealed class DeviceIdleCollectionTests
{
    [Fact]
    public async Task AnIdleConnectedDevicesGrainIsCollectedOnItsOwn()
    {
        string directory = Path.Combine(Path.GetTempPath(), "carmen-tests", Guid.NewGuid().ToString("N"));
        string tenant;
        string token;
        await using (var registering = new CarmenApiFactory { DataDirectory = directory, KeepsDataDirectory = true })
        {
            CarmenClient admin = await CarmenClient.SignInAsAdminAsync(registering);
            tenant = await admin.CreateTenantAsync();
            token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        }

        // Restarted, so the device's grain is activated by its CONNECT, as after any restart.
        await using var node = new CarmenApiFactory
        {
            DataDirectory = directory,
            // The tests of this process allocate in parallel, and the reclaim waits for a quiet process: any rate is quiet here.
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Orleans:ReclaimMemoryAfterDeactivations"] = "1",
                ["Carmen:Orleans:ReclaimMemoryUnderAllocationMiBPerSecond"] = "1000000",
            },
            // Orleans' collector at test speed: a pass a second, a device grain idle for 2 s is due (the node allows 61 s at least).
            TestServices = services => services.PostConfigure<Orleans.Configuration.GrainCollectionOptions>(collection =>
            {
                collection.CollectionQuantum = TimeSpan.FromSeconds(1);
                collection.ClassSpecificCollectionAge["Carmen.Grains.Devices.DeviceGrain"] = TimeSpan.FromSeconds(2);
            }),
        };
        CarmenClient client = await CarmenClient.SignInAsAdminAsync(node);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(node.MqttPort, token);

        IManagementGrain management = node.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        int active = await Eventually.ReadAsync(() => DeviceIdleDeactivationTests.DeviceActivationsAsync(management), count => count == 0);
        active.Should().Be(0, "an idle device's grain leaves memory after its idle time, its connection staying open");
        (await client.GetAsync($"/api/v1/tenants/{tenant}/devices/d1"))["status"]!.GetValue<string>().Should().Be("online");

        using HttpClient metrics = node.CreateMetricsClient();
        string exposition = await Eventually.ReadAsync(
            () => metrics.GetStringAsync("/metrics"), text => text.Contains("carmen_memory_reclaims_total", StringComparison.Ordinal));
        exposition.Should().Contain("carmen_memory_reclaims_total", "the collected grain's memory was reclaimed once the pass had collected it");
    }
}
