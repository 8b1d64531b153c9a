using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Telemetry;

/// <summary>
/// Puts each tenant's share of a flush on the tenant's telemetry stream, which the fleet view (and later integrations)
/// consume. The fan-out hands batches over without waiting: a bounded queue sits between it and the stream, and when
/// the stream's consumers fall so far behind that the queue is full, the batch is dropped and counted
/// (<c>carmen.telemetry.stream_dropped</c>), never held while history and the devices' acknowledgements wait behind it.
/// History, not the stream, is the record that loses nothing.
/// </summary>
public sealed partial class TelemetryStreamHandOff : IAsyncDisposable
{
    private static readonly LiveInstances<TelemetryStreamHandOff> s_running = new();

    private static readonly ObservableGauge<int> s_queueLengthGauge = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.telemetry.stream_queue_length", () => s_running.All.Sum(stream => stream.QueueLength), "{batch}",
        "Tenant telemetry batches waiting to go onto their streams.");

    private readonly Channel<TelemetryBatch> _queue;
    private readonly Func<TelemetryBatch, Task> _publish;
    private readonly ILogger _logger;
    private readonly Task _pump;

    public TelemetryStreamHandOff(IClusterClient client, IOptions<TelemetryOptions> options, ILogger<TelemetryStreamHandOff> logger)
        : this(OnTenantStream(client), options.Value.StreamQueueCapacity, logger)
    {
    }

    /// <summary>With what puts a batch on its stream given, so the hand-off can be driven without a cluster.</summary>
    internal TelemetryStreamHandOff(Func<TelemetryBatch, Task> publish, int capacity, ILogger logger)
    {
        _queue = Channel.CreateBounded<TelemetryBatch>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _publish = publish;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
        s_running.Add(this);
    }

    public int QueueLength => _queue.Reader.Count;

    /// <summary>Queues the batch for its stream; false (and counted) when the queue is full.</summary>
    public bool Offer(TelemetryBatch batch)
    {
        if (_queue.Writer.TryWrite(batch))
        {
            return true;
        }

        CarmenDiagnostics.TelemetryStreamDropped.Add(batch.PointCount);
        return false;
    }

    /// <summary>Lets the queued batches go out, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump;
        s_running.Remove(this);
    }

    private static Func<TelemetryBatch, Task> OnTenantStream(IClusterClient client) => batch => client
        .GetStreamProvider(TelemetryBatch.StreamProvider)
        .GetStream<TelemetryBatch>(StreamId.Create(TelemetryBatch.StreamNamespace, batch.TenantId))
        .OnNextAsync(batch);

    private async Task PumpAsync()
    {
        await foreach (TelemetryBatch batch in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await _publish(batch);
            }
            catch (Exception failure)
            {
                // Once per batch that failed (a flush's share of a tenant), so a stream that is down cannot flood the log.
                CarmenDiagnostics.TelemetryStreamDropped.Add(batch.PointCount);
                LogPublishFailed(failure, batch.TenantId, batch.PointCount);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry stream of tenant {TenantId} did not take a batch of {Points} points; dropped")]
    private partial void LogPublishFailed(Exception exception, string tenantId, int points);
}
