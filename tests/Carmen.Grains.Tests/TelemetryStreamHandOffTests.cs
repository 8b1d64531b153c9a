using System.Diagnostics.Metrics;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Carmen.Grains.Tests;

/// <summary>The fan-out's hand-off to the tenant streams: it never waits for a slow stream, and what it drops is counted.</summary>
public sealed class TelemetryStreamHandOffTests
{
    [Fact]
    public async Task AFullHandOffDropsAndCountsInsteadOfWaiting()
    {
        var stuck = new TaskCompletionSource();
        var published = new List<TelemetryBatch>();
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter == CarmenDiagnostics.Meter && instrument.Name == "carmen.telemetry.stream_dropped")
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, points, _, _) => Interlocked.Add(ref dropped, points));
        listener.Start();
        var handOff = new TelemetryStreamHandOff(async batch => { await stuck.Task; published.Add(batch); }, capacity: 2, NullLogger.Instance);

        // The first batch is taken by the stuck consumer, two wait in the queue, the rest find it full.
        bool[] offered = [.. Enumerable.Range(0, 6).Select(i => handOff.Offer(Batch($"t{i}", points: 3)))];
        await Eventually.HoldsAsync(() => handOff.QueueLength == 2 || offered.Count(taken => taken) < 3, TimeSpan.FromSeconds(1));
        stuck.SetResult();
        await handOff.DisposeAsync();

        offered.Count(taken => taken).Should().BeInRange(2, 3, "one batch may already be with the consumer when the others arrive");
        published.Select(batch => batch.TenantId).Should().Equal(offered.Select((taken, i) => (taken, i)).Where(pair => pair.taken).Select(pair => $"t{pair.i}"));
        Interlocked.Read(ref dropped).Should().Be(3 * offered.Count(taken => !taken));
    }

    [Fact]
    public async Task AStreamThatRefusesABatchIsCountedAndTheNextStillGoesOut()
    {
        var published = new List<string>();
        var handOff = new TelemetryStreamHandOff(
            batch => batch.TenantId == "refused" ? throw new InvalidOperationException("stream down") : Task.Run(() => published.Add(batch.TenantId)),
            capacity: 10, NullLogger.Instance);

        handOff.Offer(Batch("refused", points: 1)).Should().BeTrue();
        handOff.Offer(Batch("next", points: 1)).Should().BeTrue();
        await handOff.DisposeAsync();

        published.Should().Equal("next");
    }

    private static TelemetryBatch Batch(string tenantId, int points) =>
        new(tenantId, [new DeviceTelemetryItem("d1", "c1", [.. Enumerable.Range(0, points).Select(i => new TelemetryPoint(i, "k", TelemetryValue.FromNumber(i)))])]);

}
