using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>The MQTT listeners of a real Carmen process, driven by Debian's mosquitto clients and by MQTTnet over WebSocket.</summary>
public sealed class MqttProcessTests : IAsyncLifetime
{
    private const string AdminPassword = "mqtt-admin-1";
    private readonly TempDirectory _data = new();
    private CarmenProcess? _node;
    private string _token = "";

    private CarmenProcess Node => _node!;

    [MosquittoFact]
    public async Task MosquittoClientsPublishTelemetryAndReceiveSharedAttributes()
    {
        string device = await DeviceTokenAsync("mosq");
        (int published, string publishOutput) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", Port, "-u", device, "-q", "1", "-t", "v1/devices/me/telemetry", "-m", """{"temperature":42.5,"door":"open"}"""],
            TimeSpan.FromSeconds(20));
        published.Should().Be(0, publishOutput);
        JsonNode latest = await Node.Http.GetJsonAsync(_token, "/api/v1/tenants/acme/devices/mosq/telemetry/latest");
        latest["temperature"]!["value"]!.GetValue<double>().Should().Be(42.5);
        latest["door"]!["value"]!.GetValue<string>().Should().Be("open");

        Task<(int ExitCode, string Output)> subscriber = Mosquitto.RunAsync("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", Port, "-u", device, "-q", "1", "-t", "v1/devices/me/attributes", "-C", "1", "-W", "30", "-V", "mqttv311"],
            TimeSpan.FromSeconds(40));
        await WaitUntilConnectedAsync("mosq");
        await Task.Delay(500);
        await Node.Http.SendJsonAsync(_token, HttpMethod.Put, "/api/v1/tenants/acme/devices/mosq/attributes/shared", new { setpoint = 19 });

        (int received, string message) = await subscriber;
        received.Should().Be(0, message);
        JsonNode.Parse(message)!["setpoint"]!.GetValue<int>().Should().Be(19);
    }

    [MosquittoFact]
    public async Task MosquittoClientsAnswerAnRpc()
    {
        string device = await DeviceTokenAsync("relay");
        Task<(int ExitCode, string Output)> listener = Mosquitto.RunAsync("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", Port, "-u", device, "-q", "1", "-t", "v1/devices/me/rpc/request/+", "-C", "1", "-W", "30", "-v"],
            TimeSpan.FromSeconds(40));
        await WaitUntilConnectedAsync("relay");
        await Task.Delay(500);
        Task<JsonNode> call = Node.Http.SendJsonAsync(_token, HttpMethod.Post, "/api/v1/tenants/acme/devices/relay/rpc",
            new { method = "switch", @params = new { on = true }, timeoutMs = 20_000 });

        (int received, string request) = await listener;
        received.Should().Be(0, request);
        string topic = request[..request.IndexOf(' ', StringComparison.Ordinal)];
        request[(topic.Length + 1)..].Should().Contain("\"switch\"");
        (int answered, string answerOutput) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", Port, "-u", device, "-q", "1", "-t", topic.Replace("/request/", "/response/", StringComparison.Ordinal), "-m", """{"on":true}"""],
            TimeSpan.FromSeconds(20));
        answered.Should().Be(0, answerOutput);

        (await call)["on"]!.GetValue<bool>().Should().BeTrue();
    }

    [MosquittoFact]
    public async Task MosquittoPubWithAWrongTokenIsRefused()
    {
        (int exitCode, string output) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", Port, "-u", "not-a-device-token-0000", "-t", "v1/devices/me/telemetry", "-m", "{}"], TimeSpan.FromSeconds(20));

        exitCode.Should().NotBe(0);
        output.Should().Contain("bad user name or password");
    }

    [Fact]
    public async Task DevicesOfAKilledNodeAreOfflineWhenItComesBack()
    {
        string device = await DeviceTokenAsync("orphan");
        DeviceMqttClient client = await DeviceMqttClient.ConnectAsync(Node.MqttPort, device);
        await client.PublishAsync("v1/devices/me/telemetry", """{"last":1}""");
        (await Node.Http.GetJsonAsync(_token, "/api/v1/tenants/acme/devices/orphan"))["status"]!.GetValue<string>().Should().Be("online");

        await Node.KillAsync();
        client.Client.Dispose();
        await _node!.DisposeAsync();
        _node = await CarmenProcess.StartAsync(_data.Path);

        string status = await Eventually.ReadAsync(
            async () => (await Node.Http.GetJsonAsync(_token, "/api/v1/tenants/acme/devices/orphan"))["status"]!.GetValue<string>(),
            status => status == "offline");

        status.Should().Be("offline", "the connection died with the process that held it");
        (await Node.Http.GetJsonAsync(_token, "/api/v1/tenants/acme/devices?status=online"))["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task MqttOverWebSocketOnTheHttpPort()
    {
        string device = await DeviceTokenAsync("browser");
        await using DeviceMqttClient client = await DeviceMqttClient.ConnectWebSocketAsync(Node.HttpPort, "/mqtt", device);

        (await client.PublishAsync("v1/devices/me/telemetry", """{"rssi":-67}""")).IsSuccess.Should().BeTrue();

        (await Node.Http.GetJsonAsync(_token, "/api/v1/tenants/acme/devices/browser/telemetry/latest"))["rssi"]!["value"]!.GetValue<int>().Should().Be(-67);
    }

    public async Task InitializeAsync()
    {
        _node = await CarmenProcess.StartAsync(_data.Path, new Dictionary<string, string> { ["CARMEN_ADMIN_PASSWORD"] = AdminPassword });
        _token = await Node.Http.SignInAsync("admin", AdminPassword);
        await Node.Http.CreateTenantWithClusterAsync(_token, "acme");
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _data.Dispose();
    }

    private string Port => Node.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<string> DeviceTokenAsync(string deviceId) => Node.Http.CreateDeviceAsync(_token, "acme", deviceId);

    private async Task WaitUntilConnectedAsync(string deviceId) =>
        (await Eventually.HoldsAsync(async () => (await Node.Http.GetJsonAsync(_token, $"/api/v1/tenants/acme/devices/{deviceId}/diagnostics"))["connected"]!.GetValue<bool>()))
            .Should().BeTrue($"{deviceId} connects");
}
