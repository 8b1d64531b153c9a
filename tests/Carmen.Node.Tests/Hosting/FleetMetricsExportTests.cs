using System.Globalization;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Hosting;

/// <summary>The fleet view as Prometheus gauges: devices online and offline per tenant, and the top devices by cpu and disk.</summary>
public sealed class FleetMetricsExportTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new()
    {
        Settings = new Dictionary<string, string> { ["Carmen:Fleet:ExportInterval"] = "00:00:00.200" },
    };

    [Fact]
    public async Task TenantsDevicesOnlineOfflineAndTopCpuAreGauges()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        string goneToken = (await admin.CreateDeviceAsync(tenant, "gone"))["accessToken"]!.GetValue<string>();
        await (await DeviceMqttClient.ConnectAsync(_factory.MqttPort, goneToken)).DisposeAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "pump-1"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(_factory.MqttPort, token);
        (await device.PublishAsync("v1/devices/me/telemetry", """{"cpu":91.5,"disk":40}""")).IsSuccess.Should().BeTrue();

        using HttpClient scraper = _factory.CreateMetricsClient();
        string[] lines = await Eventually.ReadAsync(
            async () => (await scraper.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Split('\n'),
            scraped => Gauge(scraped, "carmen_fleet_top", tenant, "key=\"cpu\"") is not null);

        Gauge(lines, "carmen_fleet_top", tenant, "key=\"cpu\"", "device=\"pump-1\"").Should().Be(91.5);
        Gauge(lines, "carmen_fleet_top", tenant, "key=\"disk\"", "device=\"pump-1\"").Should().Be(40);
        Gauge(lines, "carmen_fleet_devices", tenant, "status=\"online\"").Should().Be(1);
        Gauge(lines, "carmen_fleet_devices", tenant, "status=\"offline\"").Should().Be(1, "the device that connected and left");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>The value of the series of <paramref name="metric"/> for the tenant carrying every label given, or null.</summary>
    private static double? Gauge(string[] lines, string metric, string tenant, params string[] labels) =>
        lines.Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains($"tenant=\"{tenant}\"", StringComparison.Ordinal)
                && labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Select(line => (double?)double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
