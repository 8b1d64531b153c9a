using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Telemetry;

/// <summary>
/// The silo's telemetry fan-out. Device grains queue what they accepted; a single loop takes the queue in batches
/// (up to MaxBatchPoints, or what arrived within FlushInterval) and offers each tenant's share to the tenant's
/// telemetry stream (one item per tenant per flush), which the fleet view consumes. History gathers the batches for
/// HistoryFlushInterval and writes them in one transaction while the loop goes on. History is the record: when it
/// falls behind, the loop waits for it, device grains wait to enqueue and the devices' PUBACKs with them, so nothing
/// is lost. The streams are a live feed: their hand-off never makes the loop wait (see <see cref="TelemetryStreamHandOff"/>).
/// </summary>
public sealed partial class TelemetryFanout(
    ITelemetryHistory history,
    TelemetryStreamHandOff streams,
    IOptions<TelemetryOptions> options,
    ILogger<TelemetryFanout> logger) : BackgroundService, ITelemetrySink
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The fan-outs of this process (one per silo; tests host several), for the queue-length gauge.</summary>
    private static readonly LiveInstances<TelemetryFanout> s_running = new();

    private static readonly ObservableGauge<int> s_queueLengthGauge = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.telemetry.queue_length", () => s_running.All.Sum(fanout => fanout.QueueLength), "{message}",
        "Messages accepted by device grains and not yet flushed to history and the tenant streams.");

    private static readonly ObservableGauge<double> s_historyLagGauge = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.telemetry.history_lag", () => s_running.All.Select(fanout => fanout.HistoryLag.TotalSeconds).DefaultIfEmpty(0).Max(), "s",
        "How long the oldest points of the history write in progress have waited since they were accepted; 0 when no write is in progress.");

    private readonly Channel<DeviceTelemetry> _queue = Channel.CreateBounded<DeviceTelemetry>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // History's side: what it holds (since when), and the write in progress. Touched by the fan-out loop only.
    private List<DeviceTelemetry> _unstored = [];
    private int _unstoredPoints;
    private long _unstoredSince;
    private Task _storing = Task.CompletedTask;

    /// <summary>When the points of the write in progress began to gather (a Stopwatch timestamp), 0 while none is; read by the health monitor.</summary>
    private long _writingSince;

    public int QueueLength => _queue.Reader.Count;

    public int QueueCapacity => options.Value.QueueCapacity;

    /// <summary>How far history is behind: the age of the points being written, zero when no write is in progress.</summary>
    public TimeSpan HistoryLag => Volatile.Read(ref _writingSince) is long since and not 0 ? Stopwatch.GetElapsedTime(since) : TimeSpan.Zero;

    public ValueTask AcceptAsync(DeviceTelemetry telemetry, CancellationToken cancellationToken) =>
        _queue.Writer.TryWrite(telemetry) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(telemetry, cancellationToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        s_running.Add(this);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Whatever the grains queued before the silo stopped still goes out.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        s_running.Remove(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<DeviceTelemetry>();
        while (await WaitForMessagesAsync())
        {
            int points = await FillAsync(batch);
            await DeliverAsync(batch, points, stoppingToken);
            batch.Clear();
        }

        // The queue is closed (the silo is stopping): what history still holds goes out now, and the streams take
        // what they were handed while the silo is still there to take it.
        await _storing;
        if (_unstored.Count > 0)
        {
            await StoreAsync(stoppingToken);
        }

        await streams.DisposeAsync();
    }

    /// <summary>False once the queue is closed and empty; otherwise wakes for messages, or when history is due.</summary>
    private async Task<bool> WaitForMessagesAsync()
    {
        if (_unstored.Count == 0)
        {
            return await _queue.Reader.WaitToReadAsync(CancellationToken.None);
        }

        using var due = new CancellationTokenSource(TimeSpan.FromTicks(Math.Max(1, (options.Value.HistoryFlushInterval - Stopwatch.GetElapsedTime(_unstoredSince)).Ticks)));
        try
        {
            return await _queue.Reader.WaitToReadAsync(due.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Takes what is queued, waiting up to FlushInterval for more while the batch is below MaxBatchPoints; returns its points.</summary>
    private async Task<int> FillAsync(List<DeviceTelemetry> batch)
    {
        int points = 0;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            while (points < options.Value.MaxBatchPoints && _queue.Reader.TryRead(out DeviceTelemetry? message))
            {
                batch.Add(message);
                points += message.Points.Length;
            }

            TimeSpan left = options.Value.FlushInterval - clock.Elapsed;
            if (points >= options.Value.MaxBatchPoints || left <= TimeSpan.Zero)
            {
                return points;
            }

            using var wait = new CancellationTokenSource(left);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(wait.Token))
                {
                    return points;
                }
            }
            catch (OperationCanceledException)
            {
                return points;
            }
        }
    }

    private async Task DeliverAsync(List<DeviceTelemetry> batch, int points, CancellationToken stoppingToken)
    {
        await GatherForHistoryAsync(batch, points, stoppingToken);
        foreach (IGrouping<string, DeviceTelemetry> tenant in batch.GroupBy(message => message.Device.TenantId, StringComparer.Ordinal))
        {
            streams.Offer(new TelemetryBatch(tenant.Key, [.. tenant.Select(message => new DeviceTelemetryItem(message.Device.DeviceId, message.ClusterId, message.Points))]));
        }
    }

    /// <summary>Adds the batch to what history holds, and starts a write when it is due and none is in progress; waits only when history is full.</summary>
    private async Task GatherForHistoryAsync(List<DeviceTelemetry> batch, int points, CancellationToken stoppingToken)
    {
        if (_unstored.Count == 0)
        {
            _unstoredSince = Stopwatch.GetTimestamp();
        }

        _unstored.AddRange(batch);
        _unstoredPoints += points;
        bool full = _unstoredPoints >= options.Value.MaxHistoryBatchPoints;
        bool due = Stopwatch.GetElapsedTime(_unstoredSince) >= options.Value.HistoryFlushInterval;
        if (_unstored.Count > 0 && (full || (due && _storing.IsCompleted)))
        {
            await _storing;
            _storing = StoreAsync(stoppingToken);
        }
    }

    /// <summary>Writes everything history holds, which it hands over at once so the loop gathers the next batches meanwhile.</summary>
    private async Task StoreAsync(CancellationToken stoppingToken)
    {
        (List<DeviceTelemetry> messages, int points) = (_unstored, _unstoredPoints);
        (_unstored, _unstoredPoints) = ([], 0);
        Volatile.Write(ref _writingSince, _unstoredSince);
        var clock = Stopwatch.StartNew();
        await WithRetryAsync("history", () => history.AppendAsync(messages, CancellationToken.None), stoppingToken);
        Volatile.Write(ref _writingSince, 0);
        CarmenDiagnostics.TelemetryPointsStored.Add(points);
        CarmenDiagnostics.TelemetryFlushDuration.Record(clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Retries until it works: a batch is held (and the queue fills, slowing devices) rather than lost.</summary>
    private async Task WithRetryAsync(string what, Func<Task> work, CancellationToken stoppingToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await work();
                return;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                if (stoppingToken.IsCancellationRequested && attempt >= 3)
                {
                    LogGaveUp(failure, what, attempt);
                    return;
                }

                LogRetrying(failure, what, attempt);
                await Task.Delay(s_retryDelay, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry {What} failed (attempt {Attempt}); retrying")]
    private partial void LogRetrying(Exception exception, string what, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telemetry {What} still failing after {Attempt} attempts while the silo stops; this batch is lost")]
    private partial void LogGaveUp(Exception exception, string what, int attempt);
}
