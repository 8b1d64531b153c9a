using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Carmen.Grains.Alerts;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Telemetry;

namespace Carmen.Grains.Ingest;

/// <summary>
/// The silo's ingest shard: takes a telemetry message of a device connected to this silo, whose grain is active here,
/// without a call to the grain: through the device's <see cref="IngestCell"/> into the grain's state between its turns
/// (latest values, counters, the alert rules' verdict), and into the silo's telemetry fan-out (history, the fleet view,
/// the tenant's stream). With one message in flight per device (QoS
/// 1), a grain call per message is a wake-up of the grain's scheduler and of the caller for every message, which
/// costs more than the message's own work. The device's alert rules are evaluated as the message is taken; only a
/// transition (an alert raised or cleared, or the alert clock to set) calls the grain. What the cell does not take (firmware state, a device
/// under a rollout's health watch, a grain busy with a turn or on another silo) goes to the grain as before.
/// </summary>
public sealed class IngestShard : IDisposable
{
    /// <summary>The shards of this process (one per silo; tests host several), for the metrics.</summary>
    private static readonly LiveInstances<IngestShard> s_running = new();

    private static readonly ObservableCounter<long> s_messagesTakenCounter = CarmenDiagnostics.Meter.CreateObservableCounter(
        "carmen.ingest.shard_messages", () => s_running.All.Sum(shard => shard.MessagesTaken), "{message}",
        "Telemetry messages the silos' ingest shards took without a call to the device's grain; the rest of carmen.mqtt.messages went to the grains.");

    private static readonly ObservableGauge<int> s_cellsGauge = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.ingest.cells", () => s_running.All.Sum(shard => shard._cells.Count), "{device}",
        "Devices whose grain has a cell in its silo's ingest shard: connected to the silo their grain is active on.");

    private readonly ConcurrentDictionary<DeviceKey, IngestCell> _cells = new();
    private readonly AlertRuleCache _alertRules;
    private readonly ITelemetrySink _telemetry;
    private readonly TimeProvider _time;
    private long _messagesTaken;

    public IngestShard(AlertRuleCache alertRules, ITelemetrySink telemetry, TimeProvider time)
    {
        (_alertRules, _telemetry, _time) = (alertRules, telemetry, time);
        s_running.Add(this);
    }

    /// <summary>Messages this shard took without a grain call since the silo started.</summary>
    public long MessagesTaken => Volatile.Read(ref _messagesTaken);

    /// <summary>
    /// Offers a message to the device's cell; when taken, its points are queued for history like a grain's.
    /// <see cref="IngestOutcome.Refused"/>: call the grain; <see cref="IngestOutcome.TakenForTheGrain"/>: call it too, to act on what it took.
    /// </summary>
    public ValueTask<IngestOutcome> TryAcceptAsync(DeviceKey device, string connectionId, TelemetryPoint[] points)
    {
        if (points.Length == 0 || !_cells.TryGetValue(device, out IngestCell? cell))
        {
            return ValueTask.FromResult(IngestOutcome.Refused);
        }

        ValueTask<TenantAlertRules> rules = _alertRules.GetAsync(device.TenantId);
        if (!rules.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult(IngestOutcome.Refused);
        }

        IngestOutcome outcome = cell.TryTake(connectionId, points, rules.Result, _time.GetUtcNow(), out string clusterId);
        if (outcome == IngestOutcome.Refused)
        {
            return ValueTask.FromResult(outcome);
        }

        Interlocked.Increment(ref _messagesTaken);
        ValueTask queued = _telemetry.AcceptAsync(new DeviceTelemetry(device, clusterId, points));
        return queued.IsCompletedSuccessfully ? ValueTask.FromResult(outcome) : QueuedAsync(queued, outcome);
    }

    /// <summary>The device's cell, made on first use by its grain on this silo.</summary>
    public IngestCell CellOf(DeviceKey device) => _cells.GetOrAdd(device, static _ => new IngestCell());

    /// <summary>The grain leaves this silo (deactivated or moving): its cell goes, closed.</summary>
    public void Remove(DeviceKey device, IngestCell cell) => _cells.TryRemove(new KeyValuePair<DeviceKey, IngestCell>(device, cell));

    public void Dispose() => s_running.Remove(this);

    private static async ValueTask<IngestOutcome> QueuedAsync(ValueTask queued, IngestOutcome outcome)
    {
        await queued;
        return outcome;
    }
}
