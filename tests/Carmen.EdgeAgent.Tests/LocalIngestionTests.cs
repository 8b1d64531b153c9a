using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.EdgeAgent.Tests.Infrastructure;
using Carmen.Testing;

namespace Carmen.EdgeAgent.Tests;

/// <summary>Applications on the device send their own telemetry through the agent: a Unix socket and loopback HTTP, into Carmen.</summary>
public sealed class LocalIngestionTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task LinesOnTheSocketReachCarmenAndARefusedLineIsAnsweredAndCounted()
    {
        (CarmenClient admin, string devicePath, string token) = await DeviceAsync("socket-app");
        await using RunningAgent agent = await RunningAgent.StartAsync(factory.MqttPort, token);
        long earlier = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await ConnectEventuallyAsync(socket, agent.Options.IngestionSocketPath);
        await socket.SendAsync(Encoding.UTF8.GetBytes($$$"""
            {"flow":3.5,"valve":"open"}
            {"flow":null}
            {"ts":{{{earlier}}},"values":{"pressure":1.2}}
            {"level":7}

            """.ReplaceLineEndings("\n")));
        string reply = await ReadLineAsync(socket);
        JsonObject latest = await admin.GetEventuallyAsync($"{devicePath}/telemetry/latest?keys=flow,valve,pressure,level,agentIngestRejected",
            body => body.Count == 5);

        JsonNode.Parse(reply)!["line"]!.GetValue<int>().Should().Be(2);
        reply.Should().Contain("\\u0022flow\\u0022 is null").And.Contain("values are numbers");
        (latest["flow"]!["value"]!.GetValue<double>(), latest["valve"]!["value"]!.GetValue<string>(), latest["level"]!["value"]!.GetValue<double>())
            .Should().Be((3.5, "open", 7));
        latest["pressure"]!["ts"]!.GetValue<long>().Should().Be(earlier, "a record's own time is kept");
        latest["agentIngestRejected"]!["value"]!.GetValue<double>().Should().Be(1);
    }

    [Fact]
    public async Task HttpOnLoopbackTakesAWholeBodyOrRefusesItNamingTheRecord()
    {
        (CarmenClient admin, string devicePath, string token) = await DeviceAsync("http-app");
        int port = FreePorts.Next();
        await using RunningAgent agent = await RunningAgent.StartAsync(factory.MqttPort, token, options => options.LocalIngestion.HttpPort = port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        HttpResponseMessage accepted = await PostEventuallyAsync(http, """[{"rpm":1200},{"rpm":1250,"gear":3}]""");
        HttpResponseMessage refused = await http.PostAsync("/telemetry", new StringContent("""{"rpm":1300}""" + "\n" + """{"ts":"yesterday","values":{"rpm":1}}"""));
        HttpResponseMessage elsewhere = await http.PostAsync("/metrics", new StringContent("{}"));
        JsonObject latest = await admin.GetEventuallyAsync($"{devicePath}/telemetry/latest?keys=rpm,gear", body => body.Count == 2);

        (accepted.StatusCode, JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["accepted"]!.GetValue<int>()).Should().Be((HttpStatusCode.Accepted, 2));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Line 2").And.Contain("Unix milliseconds");
        elsewhere.StatusCode.Should().Be(HttpStatusCode.NotFound);
        latest["rpm"]!["value"]!.GetValue<double>().Should().Be(1250, "nothing of the refused body was taken");
    }

    private async Task<(CarmenClient Admin, string DevicePath, string Token)> DeviceAsync(string deviceId)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, deviceId))["accessToken"]!.GetValue<string>();
        return (admin, $"/api/v1/tenants/{tenant}/devices/{deviceId}", token);
    }

    /// <summary>The agent opens its endpoints as it starts; the test waits for them rather than for a fixed time.</summary>
    private static async Task ConnectEventuallyAsync(Socket socket, string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
                return;
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<HttpResponseMessage> PostEventuallyAsync(HttpClient http, string body)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await http.PostAsync("/telemetry", new StringContent(body));
            }
            catch (HttpRequestException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<string> ReadLineAsync(Socket socket)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await socket.ReceiveAsync(one, timeout.Token) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString();
    }
}
