using System.Diagnostics;
using System.Text.Json;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Benchmarks;

/// <summary>
/// Registers N devices through the registrar and device grains into the durable embedded store (state, index, fsync'd
/// commits), then measures memory per active device grain: GC heap (after a full collection) and process RSS, each as
/// the growth over the node before registration, divided by N. Every device grain stays active afterwards.
/// </summary>
internal static class RegistrationBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        await using BenchmarkNode node = await BenchmarkNode.StartAsync();
        ITenantGrain tenant = node.Grains.GetGrain<ITenantGrain>("bench");
        await tenant.CreateAsync(new TenantSpec("Benchmark", null, null, null));
        await tenant.CreateBusinessUnitAsync("bu", "BU");
        for (int cluster = 0; cluster < 10; cluster++)
        {
            await tenant.CreateClusterAsync("bu", $"c{cluster}", $"Cluster {cluster}");
        }

        if (options.Licensed)
        {
            await LicenseAsync(node, options.Devices);
        }

        (long heapBefore, long rssBefore) = ProcessMemory.OfThisProcess();
        var clock = Stopwatch.StartNew();
        int created = 0;
        int failed = 0;
        IEnumerable<DeviceDraft[]> batches = Enumerable.Range(0, options.Devices)
            .Select(i => new DeviceDraft($"dev-{i:D7}", $"Device {i}", $"c{i % 10}", "sensor", [i % 100 == 0 ? "canary" : "fleet"], "1.0.0"))
            .Chunk(options.Batch);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (batch, cancellationToken) =>
        {
            IReadOnlyList<DeviceRegistrationOutcome> outcomes = await node.Grains.GetGrain<IDeviceRegistrarGrain>(0)
                .RegisterAsync("bench", batch, "benchmark", 0, cancellationToken);
            Interlocked.Add(ref created, outcomes.Count(outcome => outcome.Succeeded));
            Interlocked.Add(ref failed, outcomes.Count(outcome => !outcome.Succeeded));
        });
        clock.Stop();
        (long heapAfter, long rssAfter) = ProcessMemory.OfThisProcess();

        double perSecond = created / clock.Elapsed.TotalSeconds;
        double heapPerDevice = (heapAfter - heapBefore) / (double)Math.Max(1, created);
        double rssPerDevice = (rssAfter - rssBefore) / (double)Math.Max(1, created);
        long databaseBytes = new FileInfo(Path.Combine(node.DataDirectory, "carmen.db")).Length + WalLength(node.DataDirectory);

        Console.WriteLine($"devices registered        {created,12:N0}   (failed {failed:N0})");
        Console.WriteLine($"elapsed                   {clock.Elapsed.TotalSeconds,12:N1} s");
        Console.WriteLine($"registrations per second  {perSecond,12:N0}");
        Console.WriteLine($"GC heap per device grain  {heapPerDevice,12:N0} B");
        Console.WriteLine($"RSS per device grain      {rssPerDevice,12:N0} B");
        Console.WriteLine($"store size                {databaseBytes / 1048576.0,12:N1} MiB");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "register",
            devices = created,
            failed,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            devicesPerSecond = Math.Round(perSecond),
            gcHeapBytesPerDeviceGrain = Math.Round(heapPerDevice),
            rssBytesPerDeviceGrain = Math.Round(rssPerDevice),
            storeBytes = databaseBytes,
        }));
        return failed == 0 ? 0 : 1;
    }

    private static long WalLength(string directory)
    {
        var wal = new FileInfo(Path.Combine(directory, "carmen.db-wal"));
        return wal.Exists ? wal.Length : 0;
    }

    /// <summary>
    /// A license for the tenant (room for every device) and the business unit's share of it, so that each admission
    /// passes through the licensed path: the sum of licenses in force and the unit's allocation.
    /// </summary>
    private static async Task LicenseAsync(BenchmarkNode node, int devices)
    {
        var terms = new LicenseTerms(
            "bench-license", "bench", "Benchmark", new LicenseEntitlements(devices + 1_000, 100, [LicenseFeatures.Ota], new Dictionary<string, long>()),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365), 0, 0, ExpirationStrategy.Restrict, default, "");
        SignedLicense document = await node.Grains.GetGrain<ILicenseIssuerGrain>(0).SignAsync(terms);
        await node.Grains.GetGrain<ITenantLicensesGrain>("bench").ImportAsync(document, "benchmark");
        await node.Grains.GetGrain<ITenantLicensingGrain>("bench").SetAllocationsAsync(new Dictionary<string, UnitAllocation> { ["bu"] = new(devices + 500, null) });
    }
}
