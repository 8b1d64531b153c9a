using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Benchmarks;

/// <summary>
/// The audit trail on the embedded store: records per second appended by 512 concurrent callers into one chain and
/// spread over 100 chains (each a representative API record with three changed fields); then, over HTTP, the latency
/// of a mutating call (PATCH of a device) against a read of the same device, and the part of it spent on the record
/// (carmen.audit.capture_duration: the resource read before and after, and the commit); and the same read signed with
/// an API key (whose grain is asked on every request) rather than a token.
/// </summary>
internal static class AuditBenchmark
{
    private const int Records = 200_000;
    private const int InFlight = 512;
    private const int Calls = 2_000;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        await using BenchmarkNode node = await BenchmarkNode.StartAsync(withApi: true);
        foreach (int chains in new[] { 1, 100 })
        {
            double rate = await AppendAsync(node.Grains, chains);
            Console.WriteLine($"append, {chains,3} chain(s), {InFlight} callers   {rate,10:N0} records/s");
        }

        await CallLatencyAsync(node);
        return 0;
    }

    private static async Task<double> AppendAsync(IGrainFactory grains, int chains)
    {
        string run = Guid.NewGuid().ToString("N")[..6];
        AuditEntry entry = new(AuditSources.Api, new AuditActor(AuditActorKinds.User, "alice"), "PATCH /devices/{deviceId}", "devices", "d1",
            "device:d1", 200, [new AuditChange("name", "\"Press 1\"", "\"Press 2\""), new AuditChange("labels", "[\"a\"]", "[\"a\",\"b\"]"),
                new AuditChange("status", "\"registered\"", "\"quarantined\"")], "0HN8ABCDEF:00000001", "127.0.0.1");
        await Task.WhenAll(Enumerable.Range(0, chains).Select(chain => grains.GetGrain<IAuditTrailGrain>($"bench-{run}-{chain}").AppendAsync(entry)));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async caller =>
        {
            IAuditTrailGrain trail = grains.GetGrain<IAuditTrailGrain>($"bench-{run}-{caller % chains}");
            for (int i = 0; i < Records / InFlight; i++)
            {
                await trail.AppendAsync(entry);
            }
        }));
        return Records / InFlight * InFlight / clock.Elapsed.TotalSeconds;
    }

    private static async Task CallLatencyAsync(BenchmarkNode node)
    {
        using var http = new HttpClient { BaseAddress = node.Address };
        JsonObject token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "benchmark-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        (await http.PostAsJsonAsync("/api/v1/tenants", new { id = "bench", name = "Bench" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/v1/tenants/bench/business-units", new { id = "bu", name = "Unit" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/v1/tenants/bench/business-units/bu/clusters", new { id = "c1", name = "Cluster" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/v1/tenants/bench/devices", new { id = "d1", name = "Press", clusterId = "c1" })).EnsureSuccessStatusCode();

        string account = (await (await http.PostAsJsonAsync("/api/v1/tenants/bench/service-accounts", new { name = "bench" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        (await http.PostAsJsonAsync("/api/v1/tenants/bench/role-assignments", new { serviceAccountId = account, role = "viewer", scope = new { type = "tenant" } }))
            .EnsureSuccessStatusCode();
        string key = (await (await http.PostAsJsonAsync($"/api/v1/tenants/bench/service-accounts/{account}/keys", new { name = "bench" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        using var keyed = new HttpClient { BaseAddress = node.Address };
        keyed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var captured = new List<double>(Calls);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Name == "carmen.audit.capture_duration")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => captured.Add(value));
        listener.Start();

        var reads = new List<double>(Calls);
        var keyedReads = new List<double>(Calls);
        var writes = new List<double>(Calls);
        for (int i = 0; i < Calls + 200; i++)
        {
            long started = Stopwatch.GetTimestamp();
            (await http.GetAsync("/api/v1/tenants/bench/devices/d1")).EnsureSuccessStatusCode();
            double read = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            (await keyed.GetAsync("/api/v1/tenants/bench/devices/d1")).EnsureSuccessStatusCode();
            double keyedRead = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            (await http.PatchAsJsonAsync("/api/v1/tenants/bench/devices/d1", new { name = $"Press {i}" })).EnsureSuccessStatusCode();
            double write = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 200) // after warm-up
            {
                reads.Add(read);
                keyedReads.Add(keyedRead);
                writes.Add(write);
            }
        }

        listener.Dispose();
        double[] capture = [.. captured.Skip(captured.Count - Calls)];
        Console.WriteLine($"GET device                       median {Percentile(reads, 0.5),6:N2} ms   p99 {Percentile(reads, 0.99),6:N2} ms");
        Console.WriteLine($"GET device with an API key       median {Percentile(keyedReads, 0.5),6:N2} ms   p99 {Percentile(keyedReads, 0.99),6:N2} ms");
        Console.WriteLine($"PATCH device (recorded)         median {Percentile(writes, 0.5),6:N2} ms   p99 {Percentile(writes, 0.99),6:N2} ms");
        Console.WriteLine($"  of which the record           median {Percentile(capture, 0.5),6:N2} ms   p99 {Percentile(capture, 0.99),6:N2} ms");
    }

    private static double Percentile(IEnumerable<double> values, double quantile)
    {
        double[] sorted = [.. values.Order()];
        return sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
    }
}
