using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Benchmarks;

/// <summary>
/// The device PKI on one node (a Carmen process, its HTTP API and MQTT over TLS): CSRs signed per second through the
/// API (--devices of them, --parallel at a time; the keys and CSRs are made beforehand), then the time from a
/// revocation's API call to the close of the MQTT/TLS connection that signed in with the certificate, for up to 200
/// connected devices revoked one after another. With --silos 2 the node is a cluster of two processes on a PostgreSQL
/// server the benchmark starts: the API calls go to the first, the devices connect to the second.
/// </summary>
internal static class PkiBenchmark
{
    private const string Password = "benchmark-password";
    private const string ServerCertificatePassword = "benchmark";
    private const int MaxRevocations = 200;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        string data = Path.Combine(Path.GetTempPath(), "carmen-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        string serverPfx = Path.Combine(data, "mqtt-server.pfx");
        TestCertificates.WritePfx(serverPfx, "CN=localhost", ServerCertificatePassword, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        int tlsPort = FreePorts.Next();
        await using PostgresServer? postgres = options.Silos > 1 ? await PostgresServer.StartAsync() : null;
        Dictionary<string, string> environment = postgres is null
            ? new() { ["CARMEN_ADMIN_PASSWORD"] = Password }
            : CarmenProcess.ClusterEnvironment(await postgres.CreateDatabaseAsync(), Password);
        environment["Logging__LogLevel__Default"] = "Warning";
        Dictionary<string, string> withTls = new(environment)
        {
            ["Carmen__Mqtt__CertificatePath"] = serverPfx,
            ["Carmen__Mqtt__CertificatePassword"] = ServerCertificatePassword,
            ["Carmen__Mqtt__TlsPort"] = tlsPort.ToString(CultureInfo.InvariantCulture),
        };
        await using CarmenProcess node = await CarmenProcess.StartAsync(data, postgres is null ? withTls : environment);
        await using CarmenProcess? second = postgres is null ? null : await CarmenProcess.StartAsync(data + "-second", withTls);
        string token = await node.Http.SignInAsync("admin", Password);
        await BenchmarkFleet.CreateTenantAsync(node, token);
        await BenchmarkFleet.RegisterDevicesAsync(node, token, options.Devices, device => $"pki-benchmark-access-token-{device:D8}");
        await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/pki/ca", new { mode = "managed" });

        ECDsa[] keys = [.. Enumerable.Range(0, options.Devices).AsParallel().AsOrdered().Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256))];
        string[] requests = [.. keys.AsParallel().AsOrdered().Select(key => new CertificateRequest("CN=bench", key, HashAlgorithmName.SHA256).CreateSigningRequestPem())];
        var issued = new ConcurrentDictionary<int, (string Serial, string Pem)>();
        TimeSpan cpuBefore = ProcessCpu.Of(node.ProcessId);
        var signing = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Devices), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (device, _) =>
        {
            JsonNode certificate = await node.Http.SendJsonAsync(token, HttpMethod.Post,
                $"/api/v1/tenants/bench/devices/{BenchmarkFleet.DeviceId(device)}/certificates", new { csr = requests[device] });
            issued[device] = (certificate["serialNumber"]!.GetValue<string>(), certificate["certificate"]!.GetValue<string>());
        });
        signing.Stop();
        double cpuPerCsr = (ProcessCpu.Of(node.ProcessId) - cpuBefore).TotalMilliseconds / options.Devices;
        double perSecond = options.Devices / signing.Elapsed.TotalSeconds;
        Console.WriteLine($"CSRs signed               {options.Devices,12:N0}   in {signing.Elapsed.TotalSeconds:N1} s, {options.Parallel} at a time");
        Console.WriteLine($"CSRs signed per second    {perSecond,12:N0}   (Carmen CPU {cpuPerCsr:N2} ms per CSR)");

        List<double> latencies = await MeasureRevocationsAsync(node, token, tlsPort, keys, issued, Math.Min(MaxRevocations, options.Devices));
        latencies.Sort();
        double Percentile(int p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100.0 * latencies.Count) - 1)];
        Console.WriteLine($"revocation to disconnect  {(second is null ? "one node" : "API on the first silo, connections on the second")}");
        Console.WriteLine($"revocation to disconnect  p50 {Percentile(50),8:N1} ms   p99 {Percentile(99),8:N1} ms   max {latencies[^1],8:N1} ms   ({latencies.Count} connections)");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "pki",
            silos = second is null ? 1 : 2,
            csrs = options.Devices,
            parallel = options.Parallel,
            csrsPerSecond = Math.Round(perSecond),
            carmenCpuMillisecondsPerCsr = Math.Round(cpuPerCsr, 2),
            revocations = latencies.Count,
            revocationToDisconnectP50Ms = Math.Round(Percentile(50), 1),
            revocationToDisconnectP99Ms = Math.Round(Percentile(99), 1),
            revocationToDisconnectMaxMs = Math.Round(latencies[^1], 1),
        }));
        foreach (ECDsa key in keys)
        {
            key.Dispose();
        }

        return 0;
    }

    /// <summary>Connects the first <paramref name="count"/> devices over TLS with their certificates, then revokes them one by one, timing each from the call to the close.</summary>
    private static async Task<List<double>> MeasureRevocationsAsync(
        CarmenProcess node, string token, int tlsPort, ECDsa[] keys, ConcurrentDictionary<int, (string Serial, string Pem)> issued, int count)
    {
        var connections = new List<(IMqttClient Client, TaskCompletionSource Closed, string Serial)>();
        for (int device = 0; device < count; device++)
        {
            using X509Certificate2 certificate = X509Certificate2.CreateFromPem(issued[device].Pem).CopyWithPrivateKey(keys[device]);
            X509Certificate2 exported = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ => { closed.TrySetResult(); return Task.CompletedTask; };
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", tlsPort).WithClientId(BenchmarkFleet.DeviceId(device)).WithKeepAlivePeriod(TimeSpan.FromMinutes(5))
                .WithTlsOptions(tls => tls.UseTls().WithClientCertificates([exported]).WithCertificateValidationHandler(_ => true))
                .Build());
            connections.Add((client, closed, issued[device].Serial));
        }

        var latencies = new List<double>();
        foreach ((IMqttClient client, TaskCompletionSource closed, string serial) in connections)
        {
            var clock = Stopwatch.StartNew();
            await node.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/bench/certificates/{serial}/revoke", new { reason = "keyCompromise" });
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            client.Dispose();
        }

        return latencies;
    }
}
