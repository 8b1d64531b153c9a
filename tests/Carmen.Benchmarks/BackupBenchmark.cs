using System.Diagnostics;
using System.Globalization;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Backup;
using Carmen.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Benchmarks;

/// <summary>
/// Backup, verify, drill and restore of a running node holding N devices with a day of telemetry at one point a
/// minute (written into the node's own history store, as its history flushes write it): times and sizes of each step.
/// <c>--target postgres</c> runs the node on a PostgreSQL server the benchmark starts (pg_dump, a scratch database for
/// the drill, and a new database for the restore); the default is the embedded store.
/// </summary>
internal static class BackupBenchmark
{
    private const int MinutesPerDay = 1_440;
    private const int DevicesPerAppend = 2_000;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        string work = Path.Combine(Path.GetTempPath(), "carmen-backup-bench", Guid.NewGuid().ToString("N"));
        bool postgres = options.Target == "postgres";
        await using PostgresServer? server = postgres ? await PostgresServer.StartAsync() : null;
        try
        {
            string? database = server is null ? null : await server.CreateDatabaseAsync();
            await using BenchmarkNode node = await BenchmarkNode.StartAsync(settings: database is null ? null : Cluster(database));
            await node.Grains.GetGrain<ITenantGrain>("bench").CreateAsync(new TenantSpec("Benchmark", null, null, null));
            await node.Grains.GetGrain<ITenantGrain>("bench").CreateBusinessUnitAsync("bu", "BU");
            await node.Grains.GetGrain<ITenantGrain>("bench").CreateClusterAsync("bu", "c0", "Cluster");
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Devices).Chunk(500), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, cancellationToken) =>
                await node.Grains.GetGrain<IDeviceRegistrarGrain>(0).RegisterAsync("bench",
                    [.. batch.Select(i => new DeviceDraft(Id(i), $"Device {i}", "c0", "sensor", ["fleet"], "1.0.0"))], "benchmark", 0, cancellationToken));
            Console.WriteLine($"registered {options.Devices:N0} devices in {clock.Elapsed.TotalSeconds:N1} s");

            clock.Restart();
            ITelemetryHistory history = node.Services.GetRequiredService<ITelemetryHistory>();
            long dayStart = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
            foreach (int[] devices in Enumerable.Range(0, options.Devices).Chunk(DevicesPerAppend))
            {
                await history.AppendAsync([.. devices.Select(i => new DeviceTelemetry(new DeviceKey("bench", Id(i)), "c0",
                    [.. Enumerable.Range(0, MinutesPerDay).Select(minute => new TelemetryPoint(dayStart + minute * 60_000L, "temperature", TelemetryValue.FromNumber(20 + minute % 50 * 0.1)))]))], default);
            }

            long points = (long)options.Devices * MinutesPerDay;
            Console.WriteLine($"wrote {points:N0} points (a day at one a minute) in {clock.Elapsed.TotalSeconds:N1} s");

            string repository = Path.Combine(work, "repository");
            string[] source = [$"--Carmen:DataDirectory={node.DataDirectory}", .. Arguments(database)];
            TimeSpan backupTime = await TimeAsync(() => BackupCommand.RunAsync(["--to", repository, .. source], Console.Out, TimeProvider.System));
            string backup = Directory.GetDirectories(repository).Single(directory => Path.GetFileName(directory) != "artifacts");
            long bytes = Directory.EnumerateFiles(backup).Sum(file => new FileInfo(file).Length);
            TimeSpan verifyTime = await TimeAsync(() => VerifyBackupCommand.RunAsync(["--from", backup], Console.Out));
            TimeSpan drillTime = await TimeAsync(() => DrillCommand.RunAsync(["--from", backup, .. source], Console.Out, TimeProvider.System));
            string[] target = [$"--Carmen:DataDirectory={Path.Combine(work, "restored")}", .. Arguments(server is null ? null : await server.CreateDatabaseAsync())];
            TimeSpan restoreTime = await TimeAsync(() => RestoreCommand.RunAsync(["--from", backup, .. target], Console.Out));

            Console.WriteLine($"backup   {backupTime.TotalSeconds,8:N1} s   {bytes / 1048576.0:N1} MiB");
            Console.WriteLine($"verify   {verifyTime.TotalSeconds,8:N1} s");
            Console.WriteLine($"drill    {drillTime.TotalSeconds,8:N1} s");
            Console.WriteLine($"restore  {restoreTime.TotalSeconds,8:N1} s");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $$"""{"benchmark":"backup","store":"{{(postgres ? "postgres" : "embedded")}}","devices":{{options.Devices}},"points":{{points}},"backupBytes":{{bytes}},"backupSeconds":{{backupTime.TotalSeconds:F1}},"verifySeconds":{{verifyTime.TotalSeconds:F1}},"drillSeconds":{{drillTime.TotalSeconds:F1}},"restoreSeconds":{{restoreTime.TotalSeconds:F1}}}"""));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static string Id(int i) => $"dev-{i:D7}";

    private static Dictionary<string, string?> Cluster(string database) => new()
    {
        ["Carmen:Storage"] = "Postgres",
        ["ConnectionStrings:Carmen"] = database,
        ["Carmen:DataProtection:KeyEncryptionKey"] = CarmenProcess.TestKeyEncryptionKey,
    };

    private static string[] Arguments(string? database) => database is null ? [] : ["--Carmen:Storage=Postgres", $"--ConnectionStrings:Carmen={database}"];

    /// <summary>How long a step took; a step that fails ends the benchmark.</summary>
    private static async Task<TimeSpan> TimeAsync(Func<Task<int>> step)
    {
        var clock = Stopwatch.StartNew();
        int exit = await step();
        if (exit != 0)
        {
            throw new InvalidOperationException($"A step ended with exit code {exit}.");
        }

        return clock.Elapsed;
    }
}
