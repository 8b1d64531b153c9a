using System.Diagnostics;
using System.Text.Json;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Benchmarks;

/// <summary>
/// Registers N devices, lets their grains go idle (as a fleet's are between updates), then creates a rollout of one
/// 100% group over all of them and starts it. Measures the create call, the background grouping, and the dispatch:
/// from start until every device has its action posted (pacing off), with GC heap and RSS before and after. Then
/// every device wakes, as its next poll would, and takes the action: the work the dispatch no longer does up front.
/// </summary>
internal static class RolloutBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        await using BenchmarkNode node = await BenchmarkNode.StartAsync();
        ITenantGrain tenant = node.Grains.GetGrain<ITenantGrain>("bench");
        await tenant.CreateAsync(new TenantSpec("Benchmark", null, null, null));
        await tenant.CreateBusinessUnitAsync("bu", "BU");
        await tenant.CreateClusterAsync("bu", "c0", "Cluster 0");
        var register = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Devices).Select(i => new DeviceDraft($"dev-{i:D7}", $"Device {i}", "c0", "sensor", [], "1.0.0")).Chunk(options.Batch),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallel },
            async (batch, cancellationToken) => await node.Grains.GetGrain<IDeviceRegistrarGrain>(0).RegisterAsync("bench", batch, "benchmark", 0, cancellationToken));
        Console.WriteLine($"registered {options.Devices:N0} devices in {register.Elapsed.TotalSeconds:N1} s");
        await node.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        ISoftwareCatalogGrain catalog = node.Grains.GetGrain<ISoftwareCatalogGrain>("bench");
        SoftwareModuleInfo module = await catalog.CreateModuleAsync(new SoftwareModuleSpec("edge-os", "2.0.0", "os"));
        await catalog.AddArtifactAsync(module.Id, new ArtifactInfo("os.bin", 4, new string('0', 64), new string('0', 40), new string('0', 32), DateTimeOffset.UtcNow));
        DistributionSetInfo set = await catalog.CreateDistributionSetAsync(new DistributionSetSpec("edge", "2.0.0", [module.Id]));
        long id = await node.Grains.GetGrain<IRolloutDirectoryGrain>("bench").ReserveAsync();
        IRolloutGrain rollout = node.Grains.GetGrain<IRolloutGrain>(RolloutKeys.Rollout("bench", id));
        (long heapBefore, long rssBefore) = ProcessMemory.OfThisProcess();

        var clock = Stopwatch.StartNew();
        await rollout.CreateAsync(new RolloutSpec("everything", set.Id, ActionType.Forced, new TargetFilter(), [new RolloutGroupSpec("all", Percentage: 100)], new SuccessCondition()), "benchmark");
        TimeSpan createCall = clock.Elapsed;
        RolloutInfo ready = await WaitAsync(rollout, info => info.Status == RolloutStatus.Ready);
        TimeSpan grouped = clock.Elapsed;
        clock.Restart();
        await rollout.StartAsync();
        TimeSpan startCall = clock.Elapsed;
        RolloutInfo notified = await WaitAsync(rollout, info => info.Counts.Scheduled == 0);
        TimeSpan dispatched = clock.Elapsed;
        (long heapAfter, long rssAfter) = ProcessMemory.OfThisProcess();
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Devices), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, cancellationToken) =>
            await node.Grains.GetGrain<IUpdatableDeviceGrain>(new DeviceKey("bench", $"dev-{i:D7}").ToString()).GetUpdateStatusAsync(cancellationToken));
        TimeSpan woken = clock.Elapsed;

        Console.WriteLine($"targets                   {ready.TotalTargets,12:N0}   in {ready.Groups[0].Size / 1000.0:N0} batches of up to 1,000");
        Console.WriteLine($"create call               {createCall.TotalMilliseconds,12:N0} ms");
        Console.WriteLine($"create to ready (grouped) {grouped.TotalSeconds,12:N2} s");
        Console.WriteLine($"start call                {startCall.TotalMilliseconds,12:N0} ms");
        Console.WriteLine($"start to all notified     {dispatched.TotalSeconds,12:N2} s   ({notified.Counts.Running:N0} running, {notified.Counts.Skipped:N0} skipped)");
        Console.WriteLine($"notifications per second  {notified.Counts.Running / dispatched.TotalSeconds,12:N0}");
        Console.WriteLine($"all devices wake and take  {woken.TotalSeconds,11:N2} s   ({options.Devices / woken.TotalSeconds:N0} per second, 64 at a time)");
        Console.WriteLine($"GC heap growth            {(heapAfter - heapBefore) / 1048576.0,12:N1} MiB");
        Console.WriteLine($"RSS growth                {(rssAfter - rssBefore) / 1048576.0,12:N1} MiB");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "rollout",
            devices = ready.TotalTargets,
            createCallMs = Math.Round(createCall.TotalMilliseconds),
            groupedSeconds = Math.Round(grouped.TotalSeconds, 2),
            startCallMs = Math.Round(startCall.TotalMilliseconds),
            dispatchSeconds = Math.Round(dispatched.TotalSeconds, 2),
            running = notified.Counts.Running,
            wakeAndTakeSeconds = Math.Round(woken.TotalSeconds, 2),
            gcHeapGrowthBytes = heapAfter - heapBefore,
            rssGrowthBytes = rssAfter - rssBefore,
        }));
        return notified.Counts.Running == options.Devices ? 0 : 1;
    }

    private static async Task<RolloutInfo> WaitAsync(IRolloutGrain rollout, Func<RolloutInfo, bool> condition)
    {
        RolloutInfo info = await rollout.GetAsync();
        while (!condition(info))
        {
            await Task.Delay(50);
            info = await rollout.GetAsync();
        }

        return info;
    }
}
