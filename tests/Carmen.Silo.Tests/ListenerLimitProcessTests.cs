using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>
/// The listeners' limits against clients no one here wrote, on a real process: Debian's mosquitto_pub sending a
/// message past the packet limit, and curl scraping the metrics listener and the API's port.
/// </summary>
public sealed class ListenerLimitProcessTests : IAsyncLifetime
{
    private const string AdminPassword = "limits-admin-1";
    private readonly TempDirectory _data = new();
    private CarmenProcess? _node;
    private string _token = "";

    private CarmenProcess Node => _node!;

    [MosquittoFact]
    public async Task MosquittoPubPastThePacketLimitIsCutOffAndAMessageWithinItIsTaken()
    {
        string device = await Node.Http.CreateDeviceAsync(_token, "acme", "mosq-big");
        string port = Node.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string big = Path.Combine(_data.Path, "big.json");
        await File.WriteAllTextAsync(big, $$"""{"blob":"{{new string('x', 300_000)}}"}""");

        (int refused, string refusedOutput) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", port, "-u", device, "-q", "1", "-t", "v1/devices/me/telemetry", "-f", big], TimeSpan.FromSeconds(20));
        (int taken, string takenOutput) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", port, "-u", device, "-q", "1", "-t", "v1/devices/me/telemetry", "-m", """{"small":1}"""], TimeSpan.FromSeconds(20));

        refused.Should().NotBe(0, $"the connection is closed before the packet is read: {refusedOutput}");
        taken.Should().Be(0, takenOutput);
        JsonNode latest = await Node.Http.GetJsonAsync(_token, "/api/v1/tenants/acme/devices/mosq-big/telemetry/latest");
        latest.AsObject().Select(pair => pair.Key).Should().Equal("small");
    }

    [Fact]
    public async Task CurlScrapesTheMetricsListenerAndTheApiPortServesNoMetrics()
    {
        string metricsUrl = Node.Metrics.BaseAddress + "metrics";
        string apiUrl = Node.Http.BaseAddress + "metrics";

        (int scraped, string metrics) = await ExternalTool.RunAsync("/usr/bin/curl", ["-s", "-w", "\n%{http_code}", metricsUrl], TimeSpan.FromSeconds(20));
        (int asked, string onApiPort) = await ExternalTool.RunAsync("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", apiUrl], TimeSpan.FromSeconds(20));

        (scraped, asked).Should().Be((0, 0));
        metrics.Should().Contain("carmen_").And.EndWith("200");
        onApiPort.Should().Be(((int)HttpStatusCode.NotFound).ToString(System.Globalization.CultureInfo.InvariantCulture));
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
}
