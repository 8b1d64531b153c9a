using System.Diagnostics;
using System.Globalization;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Carmen.Benchmarks;

/// <summary>
/// The embedded history store on its own, fed as the fan-out feeds it: one append per history flush, each holding
/// 100 messages of 3 keys from every device (what 1,000 devices at 100 messages/s send in the default 1 s flush).
/// Reports points/s, CPU per point, bytes on disk per point, and the time of a raw read and of an hourly average
/// over one series.
/// </summary>
internal static class HistoryBenchmark
{
    private const int MessagesPerFlush = 100;
    private const int Flushes = 20;
    private static readonly string[] s_keys = ["temperature", "humidity", "power"];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        string directory = Path.Combine(Path.GetTempPath(), "carmen-history-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var database = new SqliteDatabase(directory, SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations,
                Options.Create(new SqliteOptions()), NullLogger<SqliteDatabase>.Instance);
            var history = new SqliteTelemetryHistory(database);
            long start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000;
            var batches = Enumerable.Range(0, Flushes).Select(flush => Batch(options.Devices, start + flush * 1_000L)).ToList();
            long points = (long)Flushes * options.Devices * MessagesPerFlush * s_keys.Length;

            TimeSpan cpuBefore = ProcessCpu.OfThisProcess();
            var clock = Stopwatch.StartNew();
            foreach (IReadOnlyList<DeviceTelemetry> batch in batches)
            {
                await history.AppendAsync(batch, default);
            }

            TimeSpan elapsed = clock.Elapsed;
            double cpuPerPoint = (ProcessCpu.OfThisProcess() - cpuBefore).TotalMicroseconds / points;
            long bytes = Directory.EnumerateFiles(directory).Sum(file => new FileInfo(file).Length);

            var device = new DeviceKey("bench", "d0");
            clock.Restart();
            IReadOnlyList<HistoryPoint> raw = await history.ReadAsync(device, new HistoryQuery("power", start, start + 3_600_000, TelemetryAggregation.None, 0, 1_000), default);
            TimeSpan rawRead = clock.Elapsed;
            clock.Restart();
            IReadOnlyList<HistoryPoint> average = await history.AggregateAsync(device, new HistoryQuery("power", start, start + 3_600_000, TelemetryAggregation.Avg, 60_000, 1_000), default);
            TimeSpan aggregateRead = clock.Elapsed;

            double rate = points / elapsed.TotalSeconds;
            Console.WriteLine($"append   {points:N0} points in {Flushes} flushes   {rate,12:N0} points/s   {cpuPerPoint:N2} µs CPU/point   {(double)bytes / points:N1} B/point on disk");
            Console.WriteLine($"read     {raw.Count} raw points of one series in {rawRead.TotalMilliseconds:N1} ms; {average.Count} one-minute averages over {Flushes * MessagesPerFlush} points in {aggregateRead.TotalMilliseconds:N1} ms");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $$"""{"benchmark":"history","devices":{{options.Devices}},"points":{{points}},"pointsPerSecond":{{rate:F0}},"cpuMicrosecondsPerPoint":{{cpuPerPoint:F2}},"bytesPerPoint":{{(double)bytes / points:F1}},"rawReadMs":{{rawRead.TotalMilliseconds:F1}},"aggregateReadMs":{{aggregateRead.TotalMilliseconds:F1}}}"""));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>One flush: every device's messages, 10 ms apart, interleaved as they arrive.</summary>
    private static List<DeviceTelemetry> Batch(int devices, long since)
    {
        var batch = new List<DeviceTelemetry>(devices * MessagesPerFlush);
        for (int message = 0; message < MessagesPerFlush; message++)
        {
            for (int device = 0; device < devices; device++)
            {
                long ts = since + message * 10;
                batch.Add(new DeviceTelemetry(new DeviceKey("bench", "d" + device.ToString(CultureInfo.InvariantCulture)), "c1",
                    [.. s_keys.Select((key, index) => new TelemetryPoint(ts, key, TelemetryValue.FromNumber(20 + index + message % 7 * 0.5)))]));
            }
        }

        return batch;
    }
}
