using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Benchmarks;

/// <summary>
/// One incident over a whole fleet on one node (a Carmen process): --devices devices, each with a certificate issued
/// from its own CSR and an access token, --connected of them connected over MQTT. The incident (a filter over the
/// cluster, all five actions: quarantine, revokeCertificates, rotateTokens, disconnect, blockEnrollment) is timed from
/// the API call to its status "contained", polled every 50 ms; then its release, to "released". Before it, one posture
/// check on demand over the same fleet (every device's certificates read; the 30-day certificates all expiring within 30 days).
/// </summary>
internal static class IncidentBenchmark
{
    private const string Password = "benchmark-password";

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        string data = Path.Combine(Path.GetTempPath(), "carmen-bench", Guid.NewGuid().ToString("N"));
        await using CarmenProcess node = await CarmenProcess.StartAsync(data, new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = Password,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        string token = await node.Http.SignInAsync("admin", Password);
        await BenchmarkFleet.CreateTenantAsync(node, token);
        await BenchmarkFleet.RegisterDevicesAsync(node, token, options.Devices, AccessToken);
        await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/pki/ca", new { mode = "managed" });
        await IssueCertificatesAsync(node, token, options);
        List<(IMqttClient Client, TaskCompletionSource Closed)> connections = await ConnectAsync(node, Math.Min(options.Connected, options.Devices));
        Console.WriteLine($"fleet                     {options.Devices,12:N0} devices with a certificate and a token, {connections.Count:N0} connected");

        var clock = Stopwatch.StartNew();
        JsonNode posture = await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/posture/checks");
        double postureSeconds = clock.Elapsed.TotalSeconds;
        int expiring = posture["findings"]!.AsArray().FirstOrDefault(finding => finding!["kind"]!.GetValue<string>() == "certificatesExpiring")?["deviceCount"]!.GetValue<int>() ?? 0;
        Console.WriteLine($"posture check             {postureSeconds,12:N2} s    {posture["devicesChecked"]!.GetValue<int>():N0} devices, {expiring:N0} certificates expiring within 30 days");

        TimeSpan cpuBefore = ProcessCpu.Of(node.ProcessId);
        clock.Restart();
        JsonNode opened = await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/incidents", new
        {
            title = "Benchmark: the whole fleet's keys leaked",
            filter = new { clusterId = "c1" },
            actions = new[] { "quarantine", "revokeCertificates", "rotateTokens", "disconnect", "blockEnrollment" },
        });
        double answered = clock.Elapsed.TotalMilliseconds;
        string incident = $"/api/v1/tenants/bench/incidents/{opened["id"]!.GetValue<long>()}";
        JsonNode contained = await WaitForAsync(node, token, incident, "contained");
        double containedSeconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (ProcessCpu.Of(node.ProcessId) - cpuBefore).TotalSeconds;
        await Task.WhenAll(connections.Select(connection => connection.Closed.Task)).WaitAsync(TimeSpan.FromSeconds(30));
        double allClosedSeconds = clock.Elapsed.TotalSeconds;
        JsonNode progress = contained["progress"]!;

        clock.Restart();
        await node.Http.SendJsonAsync(token, HttpMethod.Post, $"{incident}/release");
        await WaitForAsync(node, token, incident, "released");
        double releasedSeconds = clock.Elapsed.TotalSeconds;
        JsonNode sample = await node.Http.GetJsonAsync(token, $"/api/v1/tenants/bench/devices/{BenchmarkFleet.DeviceId(options.Devices - 1)}/certificates");
        string lastStatus = sample.AsArray()[0]!["status"]!.GetValue<string>();

        Console.WriteLine($"incident answered         {answered,12:N0} ms   (devices resolved, actions started)");
        Console.WriteLine($"incident contained        {containedSeconds,12:N2} s    {progress["contained"]!.GetValue<int>():N0} contained, {progress["failed"]!.GetValue<int>():N0} failed; Carmen CPU {cpuSeconds:N1} s");
        Console.WriteLine($"connections closed        {allClosedSeconds,12:N2} s    all {connections.Count:N0}");
        Console.WriteLine($"incident released         {releasedSeconds,12:N2} s    (last device's certificate: {lastStatus})");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "incident",
            devices = options.Devices,
            connected = connections.Count,
            postureCheckSeconds = Math.Round(postureSeconds, 2),
            actions = 5,
            answeredMs = Math.Round(answered),
            containedSeconds = Math.Round(containedSeconds, 2),
            contained = progress["contained"]!.GetValue<int>(),
            failed = progress["failed"]!.GetValue<int>(),
            carmenCpuSeconds = Math.Round(cpuSeconds, 1),
            allConnectionsClosedSeconds = Math.Round(allClosedSeconds, 2),
            releasedSeconds = Math.Round(releasedSeconds, 2),
        }));
        foreach ((IMqttClient client, _) in connections)
        {
            client.Dispose();
        }

        return progress["failed"]!.GetValue<int>() == 0 && lastStatus == "revoked" ? 0 : 1;
    }

    private static string AccessToken(int device) => $"incident-benchmark-token-{device:D8}";

    /// <summary>A certificate for every device, from a CSR of a key made here (the setup, not measured).</summary>
    private static async Task IssueCertificatesAsync(CarmenProcess node, string token, BenchmarkOptions options)
    {
        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Devices), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (device, _) =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            string csr = new CertificateRequest("CN=bench", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            await node.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/bench/devices/{BenchmarkFleet.DeviceId(device)}/certificates", new { csr });
        });
        Console.WriteLine($"certificates issued       {options.Devices,12:N0}   in {setup.Elapsed.TotalSeconds:N1} s (setup)");
    }

    private static async Task<List<(IMqttClient Client, TaskCompletionSource Closed)>> ConnectAsync(CarmenProcess node, int count)
    {
        var connections = new (IMqttClient Client, TaskCompletionSource Closed)[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (device, cancellationToken) =>
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ => { closed.TrySetResult(); return Task.CompletedTask; };
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", node.MqttPort).WithClientId(BenchmarkFleet.DeviceId(device)).WithCredentials(AccessToken(device))
                .WithKeepAlivePeriod(TimeSpan.FromMinutes(5)).Build(), cancellationToken);
            connections[device] = (client, closed);
        });
        return [.. connections];
    }

    private static async Task<JsonNode> WaitForAsync(CarmenProcess node, string token, string incident, string status)
    {
        var patience = Stopwatch.StartNew();
        while (true)
        {
            JsonNode current = await node.Http.GetJsonAsync(token, incident);
            if (current["status"]!.GetValue<string>() == status)
            {
                return current;
            }

            if (patience.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"The incident is still {current["status"]} after 10 minutes: {current["progress"]!.ToJsonString()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
