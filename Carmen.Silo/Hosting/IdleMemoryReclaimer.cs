using System.Diagnostics;
using System.Diagnostics.Metrics;
using Carmen.Grains.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Carmen.Silo.Hosting;

/// <summary>
/// Gives back the memory of grains Orleans collected as idle, on a quiet node. A wave of idle deactivations (a
/// connected fleet going quiet: its device grains leave within one collection pass) turns megabytes of the oldest
/// generation into garbage, but a quiet process allocates too little to reach its next full collection, so that
/// memory stays resident (on the benchmark it had not fallen 250 s later). After <see cref="OrleansOptions.ReclaimMemoryAfterDeactivations"/> collected
/// activations, one full, compacting collection that decommits what it frees runs, at most once a collection pass and
/// only when the node is not under load (it allocated less than
/// <see cref="OrleansOptions.ReclaimMemoryUnderAllocationMiBPerSecond"/> during the pass): its pause (0.24 s for 284 MiB committed on a 2-core machine) would hurt a busy node, which reaches full
/// collections of its own. Collections are counted from Orleans' own meter, whatever the grain type.
/// </summary>
internal sealed partial class IdleMemoryReclaimer(
    IOptions<OrleansOptions> options, IOptions<GrainCollectionOptions> collection, ILogger<IdleMemoryReclaimer> logger) : BackgroundService
{
    private const string OrleansMeter = "Microsoft.Orleans";
    private const string ActivationShutdowns = "orleans-catalog-activation-shutdown";

    private long _collected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int threshold = options.Value.ReclaimMemoryAfterDeactivations;
        if (threshold <= 0)
        {
            return;
        }

        using MeterListener listener = ListenForCollections();
        using var pass = new PeriodicTimer(collection.Value.CollectionQuantum);
        long reclaimedAt = 0;
        long quietAllocation = (long)(options.Value.ReclaimMemoryUnderAllocationMiBPerSecond * 1048576.0 * collection.Value.CollectionQuantum.TotalSeconds);
        long allocated = GC.GetTotalAllocatedBytes();
        try
        {
            while (await pass.WaitForNextTickAsync(stoppingToken))
            {
                long collected = Interlocked.Read(ref _collected);
                long allocatedInPass = GC.GetTotalAllocatedBytes() - allocated;
                if (collected - reclaimedAt >= threshold && allocatedInPass < quietAllocation)
                {
                    Reclaim(collected - reclaimedAt, allocatedInPass);
                    reclaimedAt = collected;
                }

                allocated = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private MeterListener ListenForCollections()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == OrleansMeter && instrument.Name == ActivationShutdowns)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, count, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag is { Key: "via", Value: "collection" })
                {
                    Interlocked.Add(ref _collected, count);
                }
            }
        });
        listener.Start();
        return listener;
    }

    private void Reclaim(long collected, long allocatedInPass)
    {
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        long started = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TimeSpan pause = Stopwatch.GetElapsedTime(started);
        long after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        CarmenDiagnostics.MemoryReclaims.Add(1);
        LogReclaimed(collected, allocatedInPass / 1048576, committed / 1048576, after / 1048576, pause.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Collected} idle activations collected, {Allocated} MiB allocated in the pass: GC memory committed {Before} MiB -> {After} MiB ({Pause:N0} ms)")]
    private partial void LogReclaimed(long collected, long allocated, long before, long after, double pause);
}
