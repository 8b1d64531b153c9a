using System.Globalization;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>
/// A device that reconnects through another silo takes its grain along: two silos on one PostgreSQL database, the
/// device connects through the first, then through the second, and each time its grain ends up active on the silo
/// holding the connection (read from each silo's Orleans activation gauge), its telemetry still taken.
/// </summary>
public sealed class PostgresDeviceMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "migration-admin-1";
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public async Task ADevicesGrainFollowsItsConnectionToAnotherSilo()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess first = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), CarmenProcess.ClusterEnvironment(connectionString, AdminPassword));
        await using CarmenProcess second = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), CarmenProcess.ClusterEnvironment(connectionString, AdminPassword));
        string admin = await first.Http.SignInAsync("admin", AdminPassword);
        await first.Http.CreateTenantWithClusterAsync(admin, "acme");
        string token = await first.Http.CreateDeviceAsync(admin, "acme", "meter");

        foreach ((CarmenProcess holder, CarmenProcess other, double value) in new[] { (first, second, 1.0), (second, first, 2.0) })
        {
            await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(holder.MqttPort, token);
            (int Holder, int Other) activations = await Eventually.ReadAsync(
                async () => (await DeviceActivationsAsync(holder), await DeviceActivationsAsync(other)), counts => counts == (1, 0), TimeSpan.FromSeconds(20));
            activations.Should().Be((1, 0), "the device's grain is active on the silo holding its connection, and only there");

            (await device.PublishAsync("v1/devices/me/telemetry", $$"""{"reading":{{value.ToString(CultureInfo.InvariantCulture)}}}""")).IsSuccess.Should().BeTrue();
            (await other.Http.GetJsonAsync(admin, "/api/v1/tenants/acme/devices/meter/telemetry/latest"))["reading"]!["value"]!.GetValue<double>().Should().Be(value);
        }
    }

    /// <summary>Device grains active on a silo, from its Orleans activation gauge (absent: none).</summary>
    private static async Task<int> DeviceActivationsAsync(CarmenProcess silo)
    {
        string exposition = await silo.Metrics.GetStringAsync("/metrics");
        string? line = exposition.Split('\n').FirstOrDefault(line => line.StartsWith("orleans_catalog_activations{", StringComparison.Ordinal) && line.Contains("grain_type=\"device\"", StringComparison.Ordinal));
        return line is null ? 0 : int.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    public void Dispose() => _data.Dispose();
}
