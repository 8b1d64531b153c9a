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
/// A message whose sender waits for history (<see cref="DeviceTelemetry.Stored"/>, the "stored" acknowledgement) is not
/// held for those intervals: history writes as soon as the write before it ends (group commit), and the sender is
/// released when the transaction holding its points commits.
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

    /// <summary>The list the write before the one in progress held, cleared: the next to gather into, so a flush's list is not grown anew each time.</summary>
    private List<DeviceTelemetry> _spare = [];
    private int _unstoredPoints;
    private long _unstoredSince;
    private bool _unstoredAwaited;
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

        if (_unstoredAwaited)
        {
            // Someone waits for these points: history is due the moment the write in progress ends.
            if (!_storing.IsCompleted)
            {
                await Task.WhenAny(_queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask(), _storing);
            }

            return true;
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

    /// <summary>
    /// Takes what is queued, waiting up to FlushInterval for more while the batch is below MaxBatchPoints; returns its
    /// points. When someone waits for history, it stops waiting as soon as history is free to write.
    /// </summary>
    private async Task<int> FillAsync(List<DeviceTelemetry> batch)
    {
        int points = 0;
        bool awaited = _unstoredAwaited;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            while (points < options.Value.MaxBatchPoints && _queue.Reader.TryRead(out DeviceTelemetry? message))
            {
                batch.Add(message);
                points += message.Points.Length;
                awaited |= message.Stored is not null;
            }

            TimeSpan left = options.Value.FlushInterval - clock.Elapsed;
            if (points >= options.Value.MaxBatchPoints || left <= TimeSpan.Zero || (awaited && _storing.IsCompleted))
            {
                return points;
            }

            using var wait = new CancellationTokenSource(left);
            Task<bool> more = _queue.Reader.WaitToReadAsync(wait.Token).AsTask();
            if (awaited && await Task.WhenAny(more, _storing) != more)
            {
                continue; // history is free: what was gathered goes now
            }

            try
            {
                if (!await more)
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
        if (batch.Count == 0)
        {
            return; // woken because history was due, with nothing new
        }

        string firstTenant = batch[0].Device.TenantId;
        if (batch.TrueForAll(message => message.Device.TenantId == firstTenant))
        {
            streams.Offer(new TelemetryBatch(firstTenant, ItemsOf(batch))); // the usual flush: one tenant, no grouping
            return;
        }

        foreach (IGrouping<string, DeviceTelemetry> tenant in batch.GroupBy(message => message.Device.TenantId, StringComparer.Ordinal))
        {
            streams.Offer(new TelemetryBatch(tenant.Key, ItemsOf([.. tenant])));
        }
    }

    private static DeviceTelemetryItem[] ItemsOf(List<DeviceTelemetry> messages)
    {
        var items = new DeviceTelemetryItem[messages.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = new DeviceTelemetryItem(messages[i].Device.DeviceId, messages[i].ClusterId, messages[i].Points);
        }

        return items;
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
        _unstoredAwaited |= batch.Exists(message => message.Stored is not null);
        bool full = _unstoredPoints >= options.Value.MaxHistoryBatchPoints;
        bool due = _unstoredAwaited || Stopwatch.GetElapsedTime(_unstoredSince) >= options.Value.HistoryFlushInterval;
        if (_unstored.Count > 0 && (full || (due && _storing.IsCompleted)))
        {
            await _storing;
            _storing = StoreAsync(stoppingToken);
        }
    }

    /// <summary>Writes everything history holds, which it hands over at once so the loop gathers the next batches meanwhile.</summary>
    private async Task StoreAsync(CancellationToken stoppingToken)
    {
        (List<DeviceTelemetry> messages, int points, bool awaited) = (_unstored, _unstoredPoints, _unstoredAwaited);
        (_unstored, _unstoredPoints, _unstoredAwaited) = (_spare, 0, false);
        Volatile.Write(ref _writingSince, _unstoredSince);
        var clock = Stopwatch.StartNew();
        bool stored = await WithRetryAsync("history", () => history.AppendAsync(messages, CancellationToken.None), stoppingToken);
        Volatile.Write(ref _writingSince, 0);
        if (stored)
        {
            CarmenDiagnostics.TelemetryPointsStored.Add(points);
            CarmenDiagnostics.TelemetryFlushDuration.Record(clock.Elapsed.TotalMilliseconds);
        }

        if (awaited)
        {
            Release(messages, stored);
        }

        // A write starts only once the one before it ended (the loop awaits it), so nothing else holds this list now.
        messages.Clear();
        _spare = messages;
    }

    /// <summary>Lets the senders waiting for these messages go: acknowledged when stored, refused (so they send again) when given up.</summary>
    private static void Release(List<DeviceTelemetry> messages, bool stored)
    {
        foreach (DeviceTelemetry message in messages)
        {
            if (stored)
            {
                message.Stored?.TrySetResult();
            }
            else
            {
                message.Stored?.TrySetException(new InvalidOperationException("The silo stopped before these points could be written to history."));
            }
        }
    }

    /// <summary>Retries until it works (true): a batch is held (and the queue fills, slowing devices) rather than lost; false only when the silo stops.</summary>
    private async Task<bool> WithRetryAsync(string what, Func<Task> work, CancellationToken stoppingToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await work();
                return true;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                if (stoppingToken.IsCancellationRequested && attempt >= 3)
                {
                    LogGaveUp(failure, what, attempt);
                    return false;
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
