using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>
/// Two silo processes in External mode on one PostgreSQL database and one mosquitto broker: the shared subscription
/// spreads device traffic over both silos, and an RPC issued through either silo reaches its device through the broker.
/// </summary>
public sealed partial class ExternalBrokerClusterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "external-admin-1";
    private const int Devices = 10;
    private const int MessagesPerDevice = 10;
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [PostgresFact]
    public async Task BothSilosConsumeTheSharedSubscriptionAndRpcCrossesThemThroughTheBroker()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess first = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), Silo(connectionString, broker.Port));
        await using CarmenProcess second = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), Silo(connectionString, broker.Port));
        string token = await first.Http.SignInAsync("admin", AdminPassword);
        await first.Http.CreateTenantWithClusterAsync(token, "acme");
        var devices = new List<DeviceMqttClient>();
        try
        {
            for (int i = 0; i < Devices; i++)
            {
                await first.Http.CreateDeviceAsync(token, "acme", $"pump-{i}");
                DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(broker.Port, $"acme/pump-{i}");
                devices.Add(device);
                await device.SubscribeAsync($"carmen/acme/pump-{i}/down/rpc/request/+");
                for (int n = 0; n < MessagesPerDevice; n++)
                {
                    await device.PublishAsync($"carmen/acme/pump-{i}/up/telemetry", $$$"""{"ts":{{{1_700_000_000_000 + n}}},"values":{"rpm":{{{n}}}}}""");
                }
            }

            var answered = new List<string>();
            for (int i = 0; i < Devices; i++)
            {
                CarmenProcess through = i % 2 == 0 ? first : second;
                Task<JsonNode> call = through.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/acme/devices/pump-{i}/rpc", new { method = "getSpeed" });
                (string topic, string _) = (await devices[i].ReceiveAsync(TimeSpan.FromSeconds(20)))!.Value;
                await devices[i].PublishAsync(topic.Replace("/down/rpc/request/", "/up/rpc/response/", StringComparison.Ordinal), $$"""{"rpm":{{1000 + i}}}""");
                answered.Add((await call)["rpm"]!.ToJsonString());
            }

            answered.Should().Equal(Enumerable.Range(0, Devices).Select(i => (1000 + i).ToString(CultureInfo.InvariantCulture)));
            long[] consumed = [await AcceptedTelemetryAsync(first), await AcceptedTelemetryAsync(second)];
            consumed.Sum().Should().Be(Devices * MessagesPerDevice);
            consumed.Should().OnlyContain(count => count > 0, "the broker shares the subscription between the silos");
            (await StoredPointsAsync(second, token, "pump-3")).Should().Be(MessagesPerDevice);
        }
        finally
        {
            foreach (DeviceMqttClient device in devices)
            {
                await device.DisposeAsync();
            }
        }
    }

    /// <summary>The device's points in history, once its silo's history writer has had time to flush (about a second).</summary>
    private static async Task<int> StoredPointsAsync(CarmenProcess silo, string token, string deviceId)
    {
        string path = $"/api/v1/tenants/acme/devices/{deviceId}/telemetry?key=rpm&from=1700000000000&to=1700000001000";
        return await Eventually.ReadAsync(async () => (await silo.Http.GetJsonAsync(token, path))["points"]!.AsArray().Count, stored => stored >= MessagesPerDevice);
    }

    /// <summary>Telemetry messages this silo took from the broker, from its Prometheus endpoint.</summary>
    private static async Task<long> AcceptedTelemetryAsync(CarmenProcess silo)
    {
        string metrics = await silo.Metrics.GetStringAsync("/metrics");
        Match line = AcceptedTelemetryLine().Match(metrics);
        return line.Success ? long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""^carmen_mqtt_messages_total\{[^}]*kind="telemetry"[^}]*outcome="accepted"[^}]*\} (\d+)""", RegexOptions.Multiline)]
    private static partial Regex AcceptedTelemetryLine();

    private static Dictionary<string, string> Silo(string connectionString, int brokerPort) => new(CarmenProcess.ClusterEnvironment(connectionString, AdminPassword))
    {
        ["Carmen__Mqtt__Mode"] = "External",
        ["Carmen__Mqtt__External__Host"] = "127.0.0.1",
        ["Carmen__Mqtt__External__Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
    };
}
