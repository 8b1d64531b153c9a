using System.Diagnostics;
using System.Text.Json;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Benchmarks;

/// <summary>
/// Fills the device query index with N devices of one tenant (through the index's own upserts, as device grains
/// write it), then times listings as the API issues them: first pages under each filter, a deep continuation page,
/// and the total count that comes with each. Reports the median and worst of repeated runs.
/// </summary>
internal static class SearchBenchmark
{
    private const int Repeats = 15;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        await using BenchmarkNode node = await BenchmarkNode.StartAsync();
        IDeviceIndex index = node.Services.GetRequiredService<IDeviceIndex>();
        var fill = Stopwatch.StartNew();
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-30);
        foreach (int[] chunk in Enumerable.Range(0, options.Devices).Chunk(10_000))
        {
            await Task.WhenAll(chunk.Select(i => index.UpsertAsync(new DeviceIndexEntry(
                "bench", $"dev-{i:D7}", $"Device {i:D7}", $"c{i % 50}", i % 3 == 0 ? "pump" : "valve",
                i % 100 == 0 ? ["canary", "fleet"] : ["fleet"], i % 20 == 0 ? DeviceStatus.Offline : DeviceStatus.Registered,
                i % 10 == 0 ? "2.0.0" : "1.0.0", start.AddSeconds(i), null, null))));
        }

        fill.Stop();
        Console.WriteLine($"index filled with {options.Devices:N0} devices in {fill.Elapsed.TotalSeconds:N1} s ({options.Devices / fill.Elapsed.TotalSeconds:N0} rows/s)");

        var cases = new (string Name, DeviceQuery Query)[]
        {
            ("first page, by name", new DeviceQuery()),
            ("cluster filter", new DeviceQuery(ClusterIds: ["c7"])),
            ("business unit (10 clusters)", new DeviceQuery(ClusterIds: [.. Enumerable.Range(0, 10).Select(c => $"c{c}")])),
            ("label filter (1%)", new DeviceQuery(Labels: ["canary"])),
            ("status filter (5%)", new DeviceQuery(Status: DeviceStatus.Offline)),
            ("type + firmware", new DeviceQuery(Type: "pump", FirmwareVersion: "2.0.0")),
            ("name prefix", new DeviceQuery(NamePrefix: "device 00012")),
            ("sort by created, desc", new DeviceQuery(Sort: DeviceSortField.CreatedAt, Descending: true)),
        };

        var results = new List<object>();
        Console.WriteLine($"{"query",-30} {"total",10} {"p50 ms",8} {"max ms",8}");
        foreach ((string name, DeviceQuery query) in cases)
        {
            (double p50, double max, long total) = await TimeAsync(() => index.QueryAsync("bench", query));
            Console.WriteLine($"{name,-30} {total,10:N0} {p50,8:N1} {max,8:N1}");
            results.Add(new { query = name, total, p50Ms = Math.Round(p50, 2), maxMs = Math.Round(max, 2) });
        }

        string? token = null;
        for (int page = 0; page < 500; page++)
        {
            token = (await index.QueryAsync("bench", new DeviceQuery(PageSize: 100, ContinuationToken: token))).ContinuationToken;
        }

        (double deepP50, double deepMax, long deepTotal) = await TimeAsync(() => index.QueryAsync("bench", new DeviceQuery(PageSize: 100, ContinuationToken: token)));
        Console.WriteLine($"{"page 501 via continuation",-30} {deepTotal,10:N0} {deepP50,8:N1} {deepMax,8:N1}");
        results.Add(new { query = "page 501 via continuation", total = deepTotal, p50Ms = Math.Round(deepP50, 2), maxMs = Math.Round(deepMax, 2) });

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "search",
            devices = options.Devices,
            fillRowsPerSecond = Math.Round(options.Devices / fill.Elapsed.TotalSeconds),
            queries = results,
        }));
        return 0;
    }

    private static async Task<(double P50, double Max, long Total)> TimeAsync(Func<Task<DevicePage>> query)
    {
        var timings = new List<double>(Repeats);
        long total = 0;
        for (int i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            DevicePage page = await query();
            timings.Add(clock.Elapsed.TotalMilliseconds);
            total = page.Total;
        }

        timings.Sort();
        return (timings[Repeats / 2], timings[^1], total);
    }
}
